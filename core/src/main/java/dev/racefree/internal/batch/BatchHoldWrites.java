package dev.racefree.internal.batch;

import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.HOLD_EVENTS;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.racefree.Posting;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.holds.HoldOpening;
import dev.racefree.internal.holds.HoldPostings;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.HoldState;
import dev.racefree.internal.sql.Metadata;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.RowN;
import org.jspecify.annotations.Nullable;

/**
 * The holds a batch opened, written by one statement: {@code WITH h AS (INSERT INTO holds VALUES
 * ..., ... RETURNING ...), e AS (INSERT INTO hold_events SELECT ... FROM h) SELECT ... FROM h}.
 * Each returned hold is matched to the request that opened it by what it holds (account, target,
 * amount, expiry, posting), so requests that are the same in all of these are interchangeable.
 */
public final class BatchHoldWrites {

  /** One hold to open; its id once written. */
  public static final class Slot {
    private final long accountId;
    private final @Nullable Long target;
    private final long amount;
    private final OffsetDateTime expiresAt;
    private final Posting posting;
    private long id;

    private Slot(
        long accountId,
        @Nullable Long target,
        long amount,
        OffsetDateTime expiresAt,
        Posting posting) {
      this.accountId = accountId;
      this.target = target;
      this.amount = amount;
      this.expiresAt = expiresAt;
      this.posting = posting;
    }

    long id() {
      if (id == 0) {
        throw new InternalErrorException("a batched hold was answered before it was written");
      }
      return id;
    }

    private List<Object> match() {
      return matchOf(accountId, target, amount, expiresAt.toInstant(), posting);
    }
  }

  private final List<Slot> slots = new ArrayList<>();

  public Slot add(
      long accountId,
      @Nullable Long target,
      long amount,
      OffsetDateTime expiresAt,
      Posting posting) {
    Slot slot = new Slot(accountId, target, amount, expiresAt, posting);
    slots.add(slot);
    return slot;
  }

  public void write(Tx tx) {
    if (slots.isEmpty()) {
      return;
    }
    List<RowN> rows = new ArrayList<>();
    Map<List<Object>, ArrayDeque<Slot>> waiting = new HashMap<>();
    for (Slot s : slots) {
      rows.add(
          row(HoldOpening.values(val(s.accountId), s.target, s.amount, s.expiresAt, s.posting)));
      waiting.computeIfAbsent(s.match(), k -> new ArrayDeque<>()).add(s);
    }
    CommonTableExpression<?> h =
        name("h")
            .as(
                tx.dsl()
                    .insertInto(HOLDS, HoldOpening.columns())
                    .valuesOfRows(rows)
                    .returningResult(
                        HOLDS.ID,
                        HOLDS.ACCOUNT_ID,
                        HOLDS.TARGET_ACCOUNT_ID,
                        HOLDS.AMOUNT,
                        HOLDS.EXPIRES_AT,
                        HOLDS.REFERENCE,
                        HOLDS.UNIQUE_REFERENCE,
                        HOLDS.CODE,
                        HOLDS.METADATA,
                        HOLDS.EXTERNAL_ID));
    CommonTableExpression<Record1<Long>> e =
        name("e")
            .as(
                tx.dsl()
                    .insertInto(
                        HOLD_EVENTS, HOLD_EVENTS.HOLD_ID, HOLD_EVENTS.STATE, HOLD_EVENTS.AMOUNT)
                    .select(
                        select(h.field(HOLDS.ID), val(HoldState.active), h.field(HOLDS.AMOUNT))
                            .from(h))
                    .returningResult(HOLD_EVENTS.ID));
    Field<Long> id = field(h, HOLDS.ID);
    Field<Long> account = field(h, HOLDS.ACCOUNT_ID);
    Field<Long> target = field(h, HOLDS.TARGET_ACCOUNT_ID);
    Field<Long> amount = field(h, HOLDS.AMOUNT);
    Field<OffsetDateTime> expiresAt = field(h, HOLDS.EXPIRES_AT);
    Field<String> reference = field(h, HOLDS.REFERENCE);
    Field<Boolean> unique = field(h, HOLDS.UNIQUE_REFERENCE);
    Field<Integer> code = field(h, HOLDS.CODE);
    Field<String[]> keys = Metadata.keys(field(h, HOLDS.METADATA)).as("mk");
    Field<String[]> values = Metadata.values(field(h, HOLDS.METADATA)).as("mv");
    Field<Long> external = field(h, HOLDS.EXTERNAL_ID);
    tx.dsl()
        .with(h)
        .with(e)
        .select(
            id, account, target, amount, expiresAt, reference, unique, code, keys, values, external)
        .from(h)
        .forEach(r -> {
          Posting posting =
              HoldPostings.stored(
                  r.get(reference),
                  Boolean.TRUE.equals(r.get(unique)),
                  r.get(code),
                  Metadata.map(r.get(keys), r.get(values)),
                  r.get(external));
          ArrayDeque<Slot> same =
              waiting.get(
                  matchOf(
                      r.get(account),
                      r.get(target),
                      r.get(amount),
                      r.get(expiresAt).toInstant(),
                      posting));
          if (same == null || same.isEmpty()) {
            throw new InternalErrorException("a batch wrote a hold nobody asked for: " + r);
          }
          same.poll().id = r.get(id);
        });
  }

  private static <T> Field<T> field(CommonTableExpression<?> h, Field<T> column) {
    return Objects.requireNonNull(h.field(column), column.getName());
  }

  private static List<Object> matchOf(
      long accountId, @Nullable Long target, long amount, Instant expiresAt, Posting posting) {
    return java.util.Arrays.asList(accountId, target, amount, expiresAt, posting);
  }
}
