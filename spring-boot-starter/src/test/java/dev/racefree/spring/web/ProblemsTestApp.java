package dev.racefree.spring.web;

import dev.racefree.Racefree;
import dev.racefree.exception.InvalidArgumentException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Handlers that let racefree's exceptions out, and an application that answers them itself in two
 * places: a controller's own {@code @ExceptionHandler} and its own advice.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({
  ProblemsTestApp.Handlers.class,
  ProblemsTestApp.LocallyAnswered.class,
  ProblemsTestApp.AdvisedHandlers.class,
  ProblemsTestApp.OwnAdvice.class
})
class ProblemsTestApp {

  @RestController
  static class Handlers {

    final Racefree rf;
    final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    Handlers(Racefree rf) {
      this.rf = rf;
    }

    int ran(String handler) {
      return executions.computeIfAbsent(handler, h -> new AtomicInteger()).get();
    }

    /** Debits nothing: racefree refuses a zero amount. */
    @PostMapping("/zero/{accountId}")
    String zero(@PathVariable long accountId) {
      rf.accounts().debit(accountId, 0);
      return "debited";
    }

    /** Credits past a bigint balance. */
    @PostMapping("/overflow/{accountId}")
    String overflow(@PathVariable long accountId) {
      rf.accounts().credit(accountId, Long.MAX_VALUE);
      return "credited";
    }

    /** Debits 10, then has racefree refuse a zero amount. */
    @Idempotent
    @PostMapping("/idempotent-zero/{accountId}")
    String idempotentZero(@PathVariable long accountId) {
      executions.computeIfAbsent("idempotent-zero", h -> new AtomicInteger()).incrementAndGet();
      rf.accounts().debit(accountId, 10);
      rf.accounts().debit(accountId, 0);
      return "debited";
    }
  }

  /** A controller that answers racefree's refusal itself. */
  @RestController
  static class LocallyAnswered {

    @PostMapping("/local")
    String local() {
      throw new InvalidArgumentException("refused locally");
    }

    @ExceptionHandler(InvalidArgumentException.class)
    ResponseEntity<String> own(InvalidArgumentException e) {
      return ResponseEntity.status(418).body("the controller's own: " + e.getMessage());
    }
  }

  /** A controller whose refusals the application's own advice answers. */
  @RestController
  static class AdvisedHandlers {

    @PostMapping("/advised")
    String advised() {
      throw new InvalidArgumentException("refused under advice");
    }
  }

  /** The application's own advice for racefree's refusal, at the default order. */
  @RestControllerAdvice(assignableTypes = AdvisedHandlers.class)
  static class OwnAdvice {

    @ExceptionHandler(InvalidArgumentException.class)
    ResponseEntity<String> own(InvalidArgumentException e) {
      return ResponseEntity.status(409).body("the advice's own: " + e.getMessage());
    }
  }
}
