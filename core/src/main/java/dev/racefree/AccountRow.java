package dev.racefree;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** An account's money columns, read after a conditional write matched nothing, to say why. */
record AccountRow(
    long id, String currency, long balance, long held, long minBalance, @Nullable Long maxBalance) {

  static Optional<AccountRow> read(Tx tx, long id) {
    return tx.dsl()
        .select(
            ACCOUNTS.ID,
            ACCOUNTS.CURRENCY,
            ACCOUNTS.BALANCE,
            ACCOUNTS.HELD,
            ACCOUNTS.MIN_BALANCE,
            ACCOUNTS.MAX_BALANCE)
        .from(ACCOUNTS)
        .where(ACCOUNTS.ID.eq(id))
        .fetchOptional(r ->
            new AccountRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
  }

  /** Balance minus the holds counted in {@code held}. */
  long available() {
    return balance - held;
  }
}
