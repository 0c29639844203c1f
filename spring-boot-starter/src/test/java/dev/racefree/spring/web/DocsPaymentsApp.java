package dev.racefree.spring.web;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.racefree.Racefree;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The service and handler the Spring Boot page shows: a payment and its own row, idempotent. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({DocsPaymentsApp.Payments.class, DocsPaymentsApp.PaymentsController.class})
class DocsPaymentsApp {

  static final Table<Record> PAYMENTS = table(name("payments"));
  static final Field<Long> ACCOUNT_ID = field(name("account_id"), Long.class);
  static final Field<Long> AMOUNT = field(name("amount"), Long.class);

  /** A payment request's body. */
  record PaymentRequest(long accountId, long amount) {}

  /** What a payment came to. */
  sealed interface Outcome {}

  /** Paid: the balance the debit left. */
  record Paid(long balance) implements Outcome {}

  /** Refused: racefree's answer, such as {@code InsufficientFunds}. */
  record Refused(DebitResult reason) implements Outcome {}

  @Service
  static class Payments {

    private final Racefree rf;
    private final DSLContext dsl;

    Payments(Racefree rf, DSLContext dsl) {
      this.rf = rf;
      this.dsl = dsl;
    }

    // tag::service[]
    @Transactional // racefree joins: a rollback undoes the debit with the rest
    public Outcome pay(long accountId, long amount) {
      DebitResult debit = rf.accounts().debit(accountId, amount);
      if (!(debit instanceof Debited debited)) {
        return new Refused(debit);
      }
      dsl.insertInto(PAYMENTS).set(ACCOUNT_ID, accountId).set(AMOUNT, amount).execute();
      return new Paid(debited.balance());
    }
    // end::service[]
  }

  @RestController
  static class PaymentsController {

    private final Payments payments;

    PaymentsController(Payments payments) {
      this.payments = payments;
    }

    // tag::handler[]
    @Idempotent // at most once per Idempotency-Key; a repeat gets the stored response
    @PostMapping("/payments")
    ResponseEntity<Object> pay(@RequestBody PaymentRequest request) {
      return switch (payments.pay(request.accountId(), request.amount())) {
        case Paid paid -> ResponseEntity.status(HttpStatus.CREATED).body(paid);
        case Refused refused ->
            ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(refused.reason());
      };
    }
    // end::handler[]
  }
}
