package dev.racefree.internal.holds;

import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.racefree.Posting;
import dev.racefree.exception.DuplicateReferenceException;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.HoldState;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.internal.sql.Metadata;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

/**
 * A hold's posting, kept on its row: opening a hold writes no ledger entry, so what the caller
 * described it with waits there for the capture, whose entries carry it unless the capture gives a
 * posting of its own. An active hold's unique reference is reserved on its account: a hold that
 * opens with a reference an entry or another active hold of the account carries as unique is
 * refused ({@link #requireUnreserved}), checked after the hold's own statement took the account's
 * row lock, so racing holds are ordered by it.
 */
public final class HoldPostings {

  private HoldPostings() {}

  /** The posting's columns of {@code holds}, in the order of {@link #values}. */
  public static final List<Field<?>> COLUMNS =
      List.of(
          HOLDS.REFERENCE, HOLDS.UNIQUE_REFERENCE, HOLDS.CODE, HOLDS.METADATA, HOLDS.EXTERNAL_ID);

  /** {@code posting}'s values for {@link #COLUMNS}, bound. */
  public static List<Field<?>> values(Posting posting) {
    return List.of(
        val(posting.reference(), HOLDS.REFERENCE),
        val(posting.uniqueReference(), HOLDS.UNIQUE_REFERENCE),
        val(posting.code(), HOLDS.CODE),
        Metadata.json(posting.metadata()),
        val(posting.external(), HOLDS.EXTERNAL_ID));
  }

  private static final Field<String[]> KEYS = Metadata.keys(HOLDS.METADATA).as("mk");
  private static final Field<String[]> VALUES = Metadata.values(HOLDS.METADATA).as("mv");

  /** What to select from {@code holds} for {@link #stored(Record)}. */
  public static final List<Field<?>> SELECTED =
      List.of(HOLDS.REFERENCE, HOLDS.UNIQUE_REFERENCE, HOLDS.CODE, KEYS, VALUES, HOLDS.EXTERNAL_ID);

  /** The posting kept on the hold that {@code r} (selected with {@link #SELECTED}) is. */
  public static Posting stored(Record r) {
    return stored(
        r.get(HOLDS.REFERENCE),
        Boolean.TRUE.equals(r.get(HOLDS.UNIQUE_REFERENCE)),
        r.get(HOLDS.CODE),
        Metadata.map(r.get(KEYS), r.get(VALUES)),
        r.get(HOLDS.EXTERNAL_ID));
  }

  /** The posting of these stored values (valid: they were checked when the hold was opened). */
  public static Posting stored(
      @Nullable String reference,
      boolean unique,
      @Nullable Integer code,
      Map<String, String> metadata,
      @Nullable Long external) {
    Posting posting = Posting.of();
    if (reference != null) {
      posting = unique ? posting.uniqueReference(reference) : posting.reference(reference);
    }
    if (code != null) {
      posting = posting.code(code);
    }
    for (Map.Entry<String, String> m : metadata.entrySet()) {
      posting = posting.metadata(m.getKey(), m.getValue());
    }
    return external == null ? posting : posting.external(external);
  }

  /**
   * Refuses, with {@link DuplicateReferenceException}, hold {@code holdId} just opened on {@code
   * accountId} (whose row lock this transaction holds) when its posting's unique reference is taken
   * by an entry of the account or by another of its active, unexpired holds.
   */
  public static void requireUnreserved(Tx tx, long accountId, long holdId, Posting posting) {
    String reference = posting.reference();
    if (!posting.uniqueReference() || reference == null) {
      return;
    }
    boolean taken =
        tx.dsl()
            .fetchExists(
                select(inline(1))
                    .from(LEDGER_ENTRIES)
                    .where(LEDGER_ENTRIES.ACCOUNT_ID.eq(accountId))
                    .and(LEDGER_ENTRIES.REFERENCE.eq(reference))
                    .and(condition(LEDGER_ENTRIES.UNIQUE_REFERENCE))
                    .unionAll(
                        select(inline(1))
                            .from(HOLDS)
                            .where(HOLDS.ACCOUNT_ID.eq(accountId))
                            .and(HOLDS.REFERENCE.eq(reference))
                            .and(reservedBy(HOLDS.ID.ne(holdId)))));
    if (taken) {
      throw new DuplicateReferenceException(accountId, reference);
    }
  }

  /** An active, unexpired hold with a unique reference, where {@code which} holds. */
  public static Condition reservedBy(@Nullable Condition which) {
    Condition reserved =
        condition(HOLDS.UNIQUE_REFERENCE)
            .and(HOLDS.STATE.eq(inline(HoldState.active)))
            .and(HOLDS.EXPIRES_AT.gt(DbClock.NOW));
    return which == null ? reserved : reserved.and(which);
  }
}
