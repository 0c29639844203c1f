package dev.racefree.internal.money;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import dev.racefree.internal.runner.Tx;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * External accounts: where money from outside comes from and goes to. Their rows are never written
 * by a balance change (their bounds are 0 and 0, so every balance statement refuses them); their
 * balance is derived from the postings against them, so a deposit never waits on their row.
 */
public final class Externals {

  /** The owner of the default external accounts racefree opens. */
  static final String OWNER = "racefree";

  private Externals() {}

  /** The name of {@code currency}'s default external account. */
  public static String defaultName(String currency) {
    return "external:" + currency;
  }

  /**
   * The id of {@code currency}'s default external account, opened if it does not exist yet (a
   * concurrent opener waits on the unique index and then finds the one that committed).
   */
  public static long defaultFor(Tx tx, String currency) {
    Optional<Long> found = findDefault(tx, currency);
    if (found.isPresent()) {
      return found.get();
    }
    tx.dsl()
        .insertInto(ACCOUNTS)
        .set(ACCOUNTS.OWNER, OWNER)
        .set(ACCOUNTS.CURRENCY, currency)
        .set(ACCOUNTS.EXTERNAL_NAME, defaultName(currency))
        .set(ACCOUNTS.DEFAULT_EXTERNAL, true)
        .set(ACCOUNTS.MAX_BALANCE, 0L)
        .onConflictDoNothing()
        .execute();
    return findDefault(tx, currency)
        .orElseThrow(() ->
            new dev.racefree.exception.InternalErrorException(
                "the default external account of "
                    + currency
                    + " was opened by a transaction this one can not see yet; retry"));
  }

  private static Optional<Long> findDefault(Tx tx, String currency) {
    return tx.dsl()
        .select(ACCOUNTS.ID)
        .from(ACCOUNTS)
        .where(ACCOUNTS.DEFAULT_EXTERNAL)
        .and(ACCOUNTS.CURRENCY.eq(currency))
        .fetchOptional(ACCOUNTS.ID);
  }

  /** Opens an external account named {@code name}; empty when the name is taken. */
  public static Optional<Long> open(Tx tx, String name, String currency) {
    return tx.dsl()
        .insertInto(ACCOUNTS)
        .set(ACCOUNTS.OWNER, OWNER)
        .set(ACCOUNTS.CURRENCY, currency)
        .set(ACCOUNTS.EXTERNAL_NAME, name)
        .set(ACCOUNTS.MAX_BALANCE, 0L)
        .onConflictDoNothing()
        .returningResult(ACCOUNTS.ID)
        .fetchOptional(ACCOUNTS.ID);
  }

  /**
   * Refuses, changing nothing, a posting whose named external account is not an external account of
   * {@code accountId}'s currency (an unknown account is left to the operation to report).
   */
  public static void requireFor(Tx tx, long accountId, long externalId) {
    dev.racefree.internal.schema.tables.Accounts e = ACCOUNTS.as("e");
    org.jooq.Record2<String, String> found =
        tx.dsl()
            .select(ACCOUNTS.CURRENCY, e.CURRENCY)
            .from(ACCOUNTS)
            .leftJoin(e)
            .on(e.ID.eq(externalId).and(e.EXTERNAL_NAME.isNotNull()))
            .where(ACCOUNTS.ID.eq(accountId))
            .fetchOne();
    if (found != null && !found.value1().equals(found.value2())) {
      throw notExternalOf(externalId, found.value1(), accountId);
    }
  }

  /**
   * The refusal of a posting naming {@code externalId}, not an external account of the currency.
   */
  public static dev.racefree.exception.InvalidArgumentException notExternalOf(
      long externalId, String currency, long accountId) {
    return new dev.racefree.exception.InvalidArgumentException(
        "posting: account "
            + externalId
            + " is not an external account of "
            + currency
            + ", the currency of account "
            + accountId);
  }

  /** The currency of each of {@code ids} that is an external account. */
  public static Map<Long, String> currencies(Tx tx, Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return tx.dsl()
        .select(ACCOUNTS.ID, ACCOUNTS.CURRENCY)
        .from(ACCOUNTS)
        .where(ACCOUNTS.ID.in(ids))
        .and(ACCOUNTS.EXTERNAL_NAME.isNotNull())
        .fetchMap(ACCOUNTS.ID, ACCOUNTS.CURRENCY);
  }

  /** The external account named {@code name}. */
  public static Optional<Long> find(Tx tx, String name) {
    return tx.dsl()
        .select(ACCOUNTS.ID)
        .from(ACCOUNTS)
        .where(ACCOUNTS.EXTERNAL_NAME.eq(name))
        .fetchOptional(ACCOUNTS.ID);
  }

  /**
   * The balance of the {@code accounts} row a statement reads: the stored balance of an internal
   * account, the {@link #derived} one of an external account.
   */
  public static Field<Long> balanceOfRow() {
    return when(ACCOUNTS.EXTERNAL_NAME.isNull(), ACCOUNTS.BALANCE)
        .otherwise(derived(ACCOUNTS.ID, null));
  }

  /**
   * An external account's balance, as of {@code at} (event time), or now when {@code null}: the sum
   * of its sides, which is minus the sum of the entries whose counterparty it is, read through
   * {@code ledger_entries_counterparty} (whose {@code INCLUDE (amount)} lets the sum come from the
   * index alone).
   */
  public static Field<Long> derived(Field<Long> accountId, @Nullable OffsetDateTime at) {
    Condition by = at == null ? noCondition() : LEDGER_ENTRIES.CREATED_AT.le(at);
    Field<BigDecimal> total =
        field(
            select(sum(LEDGER_ENTRIES.AMOUNT))
                .from(LEDGER_ENTRIES)
                .where(LEDGER_ENTRIES.COUNTERPARTY_ID.eq(accountId))
                .and(by));
    return coalesce(total, inline(BigDecimal.ZERO)).neg().cast(SQLDataType.BIGINT);
  }
}
