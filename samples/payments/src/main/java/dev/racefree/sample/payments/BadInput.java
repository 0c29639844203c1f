package dev.racefree.sample.payments;

import dev.racefree.exception.InvalidArgumentException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** racefree refuses bad arguments before any SQL, naming the argument: that is a 400. */
@RestControllerAdvice
class BadInput {

  @ExceptionHandler(InvalidArgumentException.class)
  ResponseEntity<Object> invalid(InvalidArgumentException e) {
    return Problems.of(HttpStatus.BAD_REQUEST, "invalid argument", String.valueOf(e.getMessage()));
  }
}
