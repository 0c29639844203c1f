package dev.racefree.internal.sql;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.schema.tables.records.LedgerEntriesRecord;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep6;
import org.jooq.Record6;
import org.jooq.SelectSelectStep;
import org.jooq.Table;
import org.jooq.WithStep;

/**
 * The ledger insert, stated once: every statement that journals a balance change writes the same
 * six columns of {@code ledger_entries} (account, signed amount, balance after, kind, correlation,
 * idempotency key), from the rows its own {@code UPDATE ... RETURNING} changed, so an entry exists
 * exactly when the change happened.
 */
public final class LedgerInsert {

  private LedgerInsert() {}

  /** The insert's first step, as a {@link DSLContext} and a {@link WithStep} both start it. */
  @FunctionalInterface
  private interface Start {
    InsertValuesStep6<LedgerEntriesRecord, Long, Long, Long, EntryKind, UUID, Long> insertInto(
        Table<LedgerEntriesRecord> table,
        Field<Long> accountId,
        Field<Long> amount,
        Field<Long> balanceAfter,
        Field<EntryKind> kind,
        Field<UUID> correlationId,
        Field<Long> idempotencyKeyId);
  }

  /** {@code INSERT INTO ledger_entries (the six columns)}, to be followed by a select or values. */
  public static InsertValuesStep6<LedgerEntriesRecord, Long, Long, Long, EntryKind, UUID, Long>
      into(DSLContext dsl) {
    return into(dsl::insertInto);
  }

  /** As {@link #into(DSLContext)}, after {@code WITH ...}: the CTEs whose changes it journals. */
  public static InsertValuesStep6<LedgerEntriesRecord, Long, Long, Long, EntryKind, UUID, Long>
      into(WithStep with) {
    return into(with::insertInto);
  }

  private static InsertValuesStep6<LedgerEntriesRecord, Long, Long, Long, EntryKind, UUID, Long>
      into(Start start) {
    return start.insertInto(
        LEDGER_ENTRIES,
        LEDGER_ENTRIES.ACCOUNT_ID,
        LEDGER_ENTRIES.AMOUNT,
        LEDGER_ENTRIES.BALANCE_AFTER,
        LEDGER_ENTRIES.KIND,
        LEDGER_ENTRIES.CORRELATION_ID,
        LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID);
  }

  /** The select list of one entry per changed row, in {@link #into}'s column order. */
  public static SelectSelectStep<Record6<Long, Long, Long, EntryKind, UUID, Long>> entry(
      Field<Long> accountId,
      Field<Long> amount,
      Field<Long> balanceAfter,
      Field<EntryKind> kind,
      Field<UUID> correlationId,
      Field<Long> idempotencyKeyId) {
    return select(accountId, amount, balanceAfter, kind, correlationId, idempotencyKeyId);
  }

  /** No correlation: the entry is not part of a transfer. */
  public static Field<UUID> noCorrelation() {
    return inline(null, LEDGER_ENTRIES.CORRELATION_ID);
  }

  /** No idempotency key: the change ran without one. */
  public static Field<Long> noKey() {
    return inline(null, LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID);
  }
}
