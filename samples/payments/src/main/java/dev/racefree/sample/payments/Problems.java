package dev.racefree.sample.payments;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Refusals as {@code application/problem+json}, written as ordinary responses. */
final class Problems {

  private Problems() {}

  static ResponseEntity<Object> of(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return ResponseEntity.status(status).body(problem);
  }
}
