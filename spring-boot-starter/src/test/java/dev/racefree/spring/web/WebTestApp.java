package dev.racefree.spring.web;

import dev.racefree.Racefree;
import dev.racefree.result.Debited;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A web application with idempotent handlers that count how often they really ran. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WebTestApp.Handlers.class)
class WebTestApp {

  /** Keys of different clients never meet: the scope is the X-Client header. */
  @Bean
  IdempotencyScopeResolver perClient() {
    return request -> {
      String client = request.getHeader("X-Client");
      return "client:" + (client == null ? "anonymous" : client);
    };
  }

  /** The amount and account of a request body. */
  record Debit(long accountId, long amount) {}

  /** What a handler answers: the balance it left and how many times it has run. */
  record Answer(long balance, int execution) {}

  @RestController
  static class Handlers {

    final Racefree rf;
    final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    volatile CountDownLatch entered = new CountDownLatch(1);
    volatile CountDownLatch release = new CountDownLatch(1);

    Handlers(Racefree rf) {
      this.rf = rf;
    }

    int ran(String handler) {
      return executions.computeIfAbsent(handler, h -> new AtomicInteger()).get();
    }

    private int count(String handler) {
      return executions.computeIfAbsent(handler, h -> new AtomicInteger()).incrementAndGet();
    }

    private long debit(Debit d) {
      return ((Debited) rf.accounts().debit(d.accountId(), d.amount())).balance();
    }

    @Idempotent
    @PostMapping("/debits")
    ResponseEntity<Answer> debits(@RequestBody Debit d) {
      int n = count("debits");
      return ResponseEntity.status(HttpStatus.CREATED).body(new Answer(debit(d), n));
    }

    /** A request with no body, to open an HTTP/2 connection before the requests that test it. */
    @GetMapping("/ping")
    String ping() {
      return "pong";
    }

    @PostMapping("/plain")
    Answer plain(@RequestBody Debit d) {
      return new Answer(debit(d), count("plain"));
    }

    @Idempotent
    @PostMapping("/unavailable")
    ResponseEntity<Answer> unavailable(@RequestBody Debit d) {
      int n = count("unavailable");
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new Answer(debit(d), n));
    }

    @Idempotent
    @PostMapping("/throws")
    Answer throwing(@RequestBody Debit d) {
      count("throws");
      debit(d);
      throw new IllegalStateException("the handler failed after its debit");
    }

    @Idempotent
    @PostMapping("/refused")
    Answer refused(@RequestBody Debit d) {
      count("refused");
      debit(d);
      throw new Refusal();
    }

    /** An exception the application answers itself, as a 4xx. */
    static final class Refusal extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Refusal() {
        super("refused after the debit");
      }
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<String> refusal(Refusal e) {
      return ResponseEntity.unprocessableContent().body(e.getMessage());
    }

    @Idempotent
    @PostMapping("/slow")
    Answer slow(@RequestBody Debit d) throws InterruptedException {
      int n = count("slow");
      long balance = debit(d);
      entered.countDown();
      if (!release.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the slow handler");
      }
      return new Answer(balance, n);
    }

    @Idempotent
    @PostMapping(value = "/forms/{accountId}", consumes = "application/x-www-form-urlencoded")
    Answer form(@PathVariable long accountId, @RequestParam long amount) {
      return new Answer(debit(new Debit(accountId, amount)), count("form"));
    }
  }
}
