package dev.racefree.sample.payments;

import dev.racefree.result.AccountClosed;
import dev.racefree.result.AccountFrozen;
import dev.racefree.result.Debited;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.VelocityLimitExceeded;
import dev.racefree.spring.web.Idempotent;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /payments}, at most once per Idempotency-Key, and {@code GET /payments/{id}}, read
 * back from the ledger.
 */
@RestController
class PaymentsController {

  private final Payments payments;

  PaymentsController(Payments payments) {
    this.payments = payments;
  }

  // tag::controller[]
  @Idempotent // at most once per Idempotency-Key; a repeat gets the stored response
  @PostMapping("/payments")
  ResponseEntity<Object> pay(@RequestBody PaymentRequest request) {
    return switch (payments.pay(request.accountId(), request.amount())) {
      case Payments.Paid(Payment p) ->
          ResponseEntity.created(URI.create("/payments/" + p.paymentId())).body(p);
      case Payments.Refused(InsufficientFunds f) ->
          Problems.of(
              HttpStatus.PAYMENT_REQUIRED, "insufficient funds", "available " + f.available());
      case Payments.Refused(AccountFrozen f) ->
          Problems.of(HttpStatus.PAYMENT_REQUIRED, "account frozen", "account " + f.accountId());
      case Payments.Refused(AccountClosed c) ->
          Problems.of(HttpStatus.PAYMENT_REQUIRED, "account closed", "account " + c.accountId());
      case Payments.Refused(VelocityLimitExceeded v) -> overLimit(v);
      case Payments.Refused(NoSuchAccount n) ->
          Problems.of(HttpStatus.NOT_FOUND, "no such account", "account " + n.id());
      case Payments.Refused(Debited d) -> throw new IllegalStateException("a debit is no refusal");
    };
  }

  // end::controller[]

  /** 429, with when the limit's period resets: the customer may try again then. */
  static ResponseEntity<Object> overLimit(VelocityLimitExceeded v) {
    return Problems.of(
        HttpStatus.TOO_MANY_REQUESTS,
        "limit exceeded",
        v.limit()
            + ": "
            + v.remaining()
            + " left"
            + (v.resetsAt() == null ? "" : ", resets at " + v.resetsAt()));
  }

  @GetMapping("/payments/{id}")
  ResponseEntity<Object> get(@PathVariable String id) {
    return payments
        .find(id)
        .<ResponseEntity<Object>>map(ResponseEntity::ok)
        .orElseGet(() -> Problems.of(HttpStatus.NOT_FOUND, "no such payment", "payment " + id));
  }
}
