package dev.racefree.sample.payments;

import dev.racefree.spring.web.Idempotent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A handler that fails after its payment's debit was written: it must roll back. */
@RestController
class FailingPayments {

  private final Payments payments;

  FailingPayments(Payments payments) {
    this.payments = payments;
  }

  @Idempotent
  @PostMapping("/test/failing-payments")
  Object pay(@RequestBody PaymentRequest request) {
    if (payments.pay(request.accountId(), request.amount()) instanceof Payments.Paid) {
      throw new IllegalStateException("the service failed after the payment was written");
    }
    throw new IllegalStateException("the test expects the payment to pass");
  }
}
