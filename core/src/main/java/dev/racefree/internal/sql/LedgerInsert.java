package dev.racefree.internal.sql;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import dev.racefree.internal.schema.Routines;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.schema.tables.records.AccountsRecord;
import dev.racefree.internal.schema.tables.records.LedgerEntriesRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateStep;
import org.jooq.JSONB;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The ledger insert and the account's hash chain, stated once. Every statement that moves a balance
 * is {@code WITH changed AS (UPDATE accounts SET balance = ..., chain = entry_link(chain, ...),
 * last_entry_at = greatest(statement_timestamp(), last_entry_at) ... RETURNING ...) INSERT INTO
 * ledger_entries (...) SELECT ... FROM changed}: the entry is written from the row its own UPDATE
 * changed, so it exists exactly when the change happened, and its hash is the link the UPDATE
 * computed under the account's row lock ({@link #chained}, {@link #entry}).
 *
 * <p>The entry's time is {@code greatest(statement_timestamp(), last_entry_at)}: one value for the
 * UPDATE and the entry (the statement's start is the same wherever it is read), and never before
 * the account's previous entry, so for one account times and ids rise together.
 */
public final class LedgerInsert {

  private LedgerInsert() {}

  /** What an entry states besides its account, amount and balance, as fields of a statement. */
  public record Described(
      Field<EntryKind> kind,
      Field<UUID> postingId,
      Field<UUID> correlationId,
      Field<Long> idempotencyKeyId,
      Field<Long> counterpartyId,
      Field<String> reference,
      Field<Boolean> uniqueReference,
      Field<Integer> code,
      Field<JSONB> metadata) {

    /** The fields in the order of the record's components. */
    public List<Field<?>> asList() {
      return List.of(
          kind,
          postingId,
          correlationId,
          idempotencyKeyId,
          counterpartyId,
          reference,
          uniqueReference,
          code,
          metadata);
    }

    /** {@code tag}'s values, bound. */
    public static Described of(EntryTag tag) {
      return new Described(
          val(tag.kind(), LEDGER_ENTRIES.KIND),
          val(tag.postingId(), LEDGER_ENTRIES.POSTING_ID),
          val(tag.correlationId(), LEDGER_ENTRIES.CORRELATION_ID),
          val(tag.idempotencyKeyId(), LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID),
          val(tag.counterpartyId(), LEDGER_ENTRIES.COUNTERPARTY_ID),
          val(tag.posting().reference(), LEDGER_ENTRIES.REFERENCE),
          val(tag.posting().uniqueReference(), LEDGER_ENTRIES.UNIQUE_REFERENCE),
          val(tag.posting().code(), LEDGER_ENTRIES.CODE),
          Metadata.json(tag.posting().metadata()));
    }
  }

  /** The entry's time, read in an UPDATE of the account: see the class comment. */
  public static Field<OffsetDateTime> now() {
    return greatest(DbClock.NOW, ACCOUNTS.LAST_ENTRY_AT);
  }

  /** The columns an UPDATE returns for {@link #entry}: id, balance, chain, time, default. */
  public static final List<Field<?>> RETURNED =
      List.of(
          ACCOUNTS.ID,
          ACCOUNTS.BALANCE,
          ACCOUNTS.CHAIN,
          ACCOUNTS.LAST_ENTRY_AT,
          ACCOUNTS.DEFAULT_EXTERNAL_ID);

  /**
   * {@code update} moving the chain: {@code chain = entry_link(chain, ...)} and {@code
   * last_entry_at = at}, for an entry of {@code amount} leaving {@code balanceAfter} (both as the
   * UPDATE computes them). Only where {@code journaled} holds: an UPDATE that writes no entry (a
   * release, an unchanged balance) leaves the chain as it is.
   */
  public static UpdateSetMoreStep<AccountsRecord> chained(
      UpdateSetMoreStep<AccountsRecord> update,
      Field<Long> amount,
      Field<Long> balanceAfter,
      Described d,
      Field<OffsetDateTime> at,
      Condition journaled) {
    Field<byte[]> link =
        Routines.entryLink(
            ACCOUNTS.CHAIN,
            ACCOUNTS.ID,
            amount,
            balanceAfter,
            d.kind(),
            d.postingId(),
            coalesce(d.counterpartyId(), ACCOUNTS.DEFAULT_EXTERNAL_ID),
            d.idempotencyKeyId(),
            d.reference(),
            d.code(),
            d.metadata(),
            at);
    if (journaled.equals(DSL.trueCondition())) {
      return update.set(ACCOUNTS.CHAIN, link).set(ACCOUNTS.LAST_ENTRY_AT, at);
    }
    return update
        .set(ACCOUNTS.CHAIN, when(journaled, link).otherwise(ACCOUNTS.CHAIN))
        .set(ACCOUNTS.LAST_ENTRY_AT, when(journaled, at).otherwise(ACCOUNTS.LAST_ENTRY_AT));
  }

  /** As {@link #chained}, for an UPDATE that always writes its entry, at {@link #now()}. */
  public static UpdateSetMoreStep<AccountsRecord> chained(
      UpdateSetMoreStep<AccountsRecord> update,
      Field<Long> amount,
      Field<Long> balanceAfter,
      Described d) {
    return chained(update, amount, balanceAfter, d, now(), DSL.trueCondition());
  }

  /**
   * {@code INSERT INTO ledger_entries (every column) SELECT ... FROM changed WHERE journaled}: one
   * entry per row {@code changed} returned ({@link #RETURNED}), of {@code amount}, described by
   * {@code d}.
   */
  public static InsertOnDuplicateStep<LedgerEntriesRecord> entry(
      org.jooq.DSLContext dsl,
      Table<?> changed,
      Field<Long> amount,
      Described d,
      Condition journaled) {
    return into(dsl).select(selectEntry(changed, amount, d, journaled));
  }

  /** As {@link #entry(org.jooq.DSLContext, Table, Field, Described, Condition)} after a WITH. */
  public static InsertOnDuplicateStep<LedgerEntriesRecord> entry(
      org.jooq.WithStep with,
      Table<?> changed,
      Field<Long> amount,
      Described d,
      Condition journaled) {
    return with.insertInto(LEDGER_ENTRIES, COLUMNS)
        .select(selectEntry(changed, amount, d, journaled));
  }

  private static org.jooq.InsertValuesStepN<LedgerEntriesRecord> into(org.jooq.DSLContext dsl) {
    return dsl.insertInto(LEDGER_ENTRIES, COLUMNS);
  }

  /** Every column racefree writes, in {@link #selectEntry}'s order. */
  private static final List<Field<?>> COLUMNS =
      List.of(
          LEDGER_ENTRIES.ACCOUNT_ID,
          LEDGER_ENTRIES.AMOUNT,
          LEDGER_ENTRIES.BALANCE_AFTER,
          LEDGER_ENTRIES.KIND,
          LEDGER_ENTRIES.CORRELATION_ID,
          LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID,
          LEDGER_ENTRIES.POSTING_ID,
          LEDGER_ENTRIES.COUNTERPARTY_ID,
          LEDGER_ENTRIES.REFERENCE,
          LEDGER_ENTRIES.UNIQUE_REFERENCE,
          LEDGER_ENTRIES.CODE,
          LEDGER_ENTRIES.METADATA,
          LEDGER_ENTRIES.HASH,
          LEDGER_ENTRIES.CREATED_AT);

  private static SelectConditionStep<?> selectEntry(
      Table<?> changed, Field<Long> amount, Described d, Condition journaled) {
    return select(
            changed.field(ACCOUNTS.ID),
            amount,
            changed.field(ACCOUNTS.BALANCE),
            d.kind(),
            d.correlationId(),
            d.idempotencyKeyId(),
            d.postingId(),
            coalesce(d.counterpartyId(), changed.field(ACCOUNTS.DEFAULT_EXTERNAL_ID)),
            d.reference(),
            d.uniqueReference(),
            d.code(),
            d.metadata(),
            changed.field(ACCOUNTS.CHAIN),
            changed.field(ACCOUNTS.LAST_ENTRY_AT))
        .from(changed)
        .where(journaled);
  }

  /**
   * {@code e}: several entries written by one statement (a batch), from {@code values} (columns:
   * seq, account, amount, balance after, last, event time, then {@link Described#asList()}'s), each
   * with its time (the event time given, an import's, or else the account's entry time, {@link
   * #now()}) and its link: {@code entry_chain(chain, ...) OVER (PARTITION BY account ORDER BY
   * seq)}, from the account's head as this transaction locked it. The accounts must be locked by
   * this transaction, so the head read here is the one the batch's UPDATE moves.
   */
  public static CommonTableExpression<?> chainedRows(Table<?> values) {
    Table<?> v =
        values.as(
            "v",
            "seq",
            "account",
            "amount",
            "balance_after",
            "last",
            "at",
            "kind",
            "posting_id",
            "correlation_id",
            "key_id",
            "counterparty_id",
            "reference",
            "unique_reference",
            "code",
            "metadata");
    Field<Integer> seq = v.field("seq").cast(SQLDataType.INTEGER);
    Field<Long> amount = v.field("amount").cast(SQLDataType.BIGINT);
    Field<Long> balance = v.field("balance_after").cast(SQLDataType.BIGINT);
    Field<EntryKind> kind = v.field("kind").cast(LEDGER_ENTRIES.KIND.getDataType());
    Field<UUID> posting = v.field("posting_id").cast(LEDGER_ENTRIES.POSTING_ID.getDataType());
    Field<UUID> correlation =
        v.field("correlation_id").cast(LEDGER_ENTRIES.CORRELATION_ID.getDataType());
    Field<Long> key = v.field("key_id").cast(SQLDataType.BIGINT);
    Field<Long> counterparty =
        coalesce(v.field("counterparty_id").cast(SQLDataType.BIGINT), ACCOUNTS.DEFAULT_EXTERNAL_ID);
    Field<String> reference = v.field("reference").cast(LEDGER_ENTRIES.REFERENCE.getDataType());
    Field<Boolean> unique = v.field("unique_reference").cast(SQLDataType.BOOLEAN);
    Field<Integer> code = v.field("code").cast(SQLDataType.INTEGER);
    Field<JSONB> metadata = v.field("metadata").cast(SQLDataType.JSONB);
    Field<OffsetDateTime> given = v.field("at").cast(SQLDataType.TIMESTAMPWITHTIMEZONE);
    Field<OffsetDateTime> at = coalesce(given, now());
    Field<byte[]> hash =
        Routines.entryChain(
                ACCOUNTS.CHAIN,
                ACCOUNTS.ID,
                amount,
                balance,
                kind,
                posting,
                counterparty,
                key,
                reference,
                code,
                metadata,
                at)
            .over(DSL.partitionBy(ACCOUNTS.ID).orderBy(seq));
    return DSL.name("e")
        .as(
            select(
                    seq.as("seq"),
                    ACCOUNTS.ID.as("account"),
                    amount.as("amount"),
                    balance.as("balance_after"),
                    v.field("last").cast(SQLDataType.BOOLEAN).as("last"),
                    kind.as("kind"),
                    posting.as("posting_id"),
                    correlation.as("correlation_id"),
                    key.as("key_id"),
                    counterparty.as("counterparty_id"),
                    reference.as("reference"),
                    unique.as("unique_reference"),
                    code.as("code"),
                    metadata.as("metadata"),
                    hash.as("hash"),
                    at.as("at"),
                    given.isNotNull().as("imported"))
                .from(v)
                .join(ACCOUNTS)
                .on(ACCOUNTS.ID.eq(v.field("account").cast(SQLDataType.BIGINT))));
  }

  /**
   * {@code INSERT INTO ledger_entries (every column) SELECT ... FROM e}, for {@link #chainedRows};
   * an entry given its event time is stamped imported now.
   */
  public static InsertOnDuplicateStep<LedgerEntriesRecord> fromRows(
      org.jooq.DSLContext dsl,
      Table<?> e,
      Field<Long> account,
      Field<Long> amount,
      Field<Long> balanceAfter,
      Field<byte[]> hash,
      Field<OffsetDateTime> at) {
    List<Field<?>> columns = new java.util.ArrayList<>(COLUMNS);
    columns.add(LEDGER_ENTRIES.IMPORTED_AT);
    return dsl.insertInto(LEDGER_ENTRIES, columns)
        .select(
            select(
                    account,
                    amount,
                    balanceAfter,
                    e.field("kind", LEDGER_ENTRIES.KIND.getDataType()),
                    e.field("correlation_id", LEDGER_ENTRIES.CORRELATION_ID.getDataType()),
                    e.field("key_id", SQLDataType.BIGINT),
                    e.field("posting_id", LEDGER_ENTRIES.POSTING_ID.getDataType()),
                    e.field("counterparty_id", SQLDataType.BIGINT),
                    e.field("reference", LEDGER_ENTRIES.REFERENCE.getDataType()),
                    e.field("unique_reference", SQLDataType.BOOLEAN),
                    e.field("code", SQLDataType.INTEGER),
                    e.field("metadata", SQLDataType.JSONB),
                    hash,
                    at,
                    when(e.field("imported", SQLDataType.BOOLEAN), DbClock.NOW))
                .from(e)
                .orderBy(e.field("seq")));
  }
}
