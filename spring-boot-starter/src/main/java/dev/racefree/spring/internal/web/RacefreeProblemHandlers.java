package dev.racefree.spring.internal.web;

import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.InvalidArgumentException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * racefree's refusals of a request's values as RFC 9457 problems ({@code application/problem+json})
 * from Spring MVC handlers: {@link InvalidArgumentException} is 400, {@link
 * AmountOutOfRangeException} 422, with the exception's message as the detail. Ordered last among
 * the {@code @ControllerAdvice}s, so that an application's own {@code @ExceptionHandler} for these
 * types (in its controller or in its own advice) answers instead. In an {@code @Idempotent} handler
 * the answer is an exception's answer all the same: the handler's writes roll back and nothing is
 * stored.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public final class RacefreeProblemHandlers {

  /** Created by the auto-configuration. */
  public RacefreeProblemHandlers() {}

  /** 400: an argument racefree refused before any SQL ran. */
  @ExceptionHandler(InvalidArgumentException.class)
  ResponseEntity<ProblemDetail> invalidArgument(InvalidArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid argument", e);
  }

  /** 422: an amount that would take a balance past its range. */
  @ExceptionHandler(AmountOutOfRangeException.class)
  ResponseEntity<ProblemDetail> amountOutOfRange(AmountOutOfRangeException e) {
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Amount out of range", e);
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String title, RuntimeException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(status, String.valueOf(e.getMessage()));
    problem.setTitle(title);
    return ResponseEntity.status(status).body(problem);
  }
}
