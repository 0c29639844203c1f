package dev.racefree.sample.payments;

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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes a payment: the debit (racefree) and the service's own record of it (jOOQ, table {@code
 * payments}) in one transaction, so there is never one without the other.
 */
@Service
public class Payments {

  private static final Table<Record> PAYMENTS = table(name("payments"));
  private static final Field<Long> ID = field(name("id"), Long.class);
  private static final Field<Long> ACCOUNT_ID = field(name("account_id"), Long.class);
  private static final Field<Long> AMOUNT = field(name("amount"), Long.class);

  private final Racefree rf;
  private final DSLContext dsl;

  Payments(Racefree rf, DSLContext dsl) {
    this.rf = rf;
    this.dsl = dsl;
  }

  /** The debit's refusal, or the payment it made. */
  public sealed interface Outcome permits Paid, Refused {}

  /** The payment made. */
  public record Paid(Payment payment) implements Outcome {}

  /** What racefree refused, nothing written. */
  public record Refused(DebitResult refusal) implements Outcome {}

  // tag::service[]
  /** Debits the account and records the payment, or neither. */
  @Transactional // racefree joins: a rollback undoes the debit with the rest
  public Outcome pay(long accountId, long amount) {
    DebitResult debit = rf.accounts().debit(accountId, amount);
    if (!(debit instanceof Debited debited)) {
      return new Refused(debit);
    }
    long id =
        dsl.insertInto(PAYMENTS, ACCOUNT_ID, AMOUNT)
            .values(accountId, amount)
            .returningResult(ID)
            .fetchSingle()
            .value1();
    return new Paid(new Payment(id, accountId, amount, debited.balance()));
  }
  // end::service[]
}
