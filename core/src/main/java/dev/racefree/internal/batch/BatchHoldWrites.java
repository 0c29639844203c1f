package dev.racefree.internal.batch;

import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.HOLD_EVENTS;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.HoldState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.CommonTableExpression;
import org.jooq.Record1;
import org.jooq.Record5;
import org.jooq.Row4;
import org.jspecify.annotations.Nullable;

/**
 * The holds a batch opened, written by one statement: {@code WITH h AS (INSERT INTO holds VALUES
 * ..., ... RETURNING ...), e AS (INSERT INTO hold_events SELECT ... FROM h) SELECT ... FROM h}.
 * Each returned hold is matched to the request that opened it by what it holds (account, target,
 * amount, expiry), so requests that are the same in all of these are interchangeable.
 */
public final class BatchHoldWrites {

  /** One hold to open; its id once written. */
  public static final class Slot {
    private final long accountId;
    private final @Nullable Long target;
    private final long amount;
    private final OffsetDateTime expiresAt;
    private long id;

    private Slot(long accountId, @Nullable Long target, long amount, OffsetDateTime expiresAt) {
      this.accountId = accountId;
      this.target = target;
      this.amount = amount;
      this.expiresAt = expiresAt;
    }

    long id() {
      if (id == 0) {
        throw new InternalErrorException("a batched hold was answered before it was written");
      }
      return id;
    }

    private List<Object> match() {
      return matchOf(accountId, target, amount, expiresAt.toInstant());
    }
  }

  private final List<Slot> slots = new ArrayList<>();

  public Slot add(long accountId, @Nullable Long target, long amount, OffsetDateTime expiresAt) {
    Slot slot = new Slot(accountId, target, amount, expiresAt);
    slots.add(slot);
    return slot;
  }

  public void write(Tx tx) {
    if (slots.isEmpty()) {
      return;
    }
    List<Row4<Long, Long, Long, OffsetDateTime>> rows = new ArrayList<>();
    Map<List<Object>, ArrayDeque<Slot>> waiting = new HashMap<>();
    for (Slot s : slots) {
      rows.add(
          row(
              val(s.accountId),
              val(s.target, HOLDS.TARGET_ACCOUNT_ID),
              val(s.amount),
              val(s.expiresAt)));
      waiting.computeIfAbsent(s.match(), k -> new ArrayDeque<>()).add(s);
    }
    CommonTableExpression<Record5<Long, Long, Long, Long, OffsetDateTime>> h =
        name("h")
            .as(
                tx.dsl()
                    .insertInto(
                        HOLDS,
                        HOLDS.ACCOUNT_ID,
                        HOLDS.TARGET_ACCOUNT_ID,
                        HOLDS.AMOUNT,
                        HOLDS.EXPIRES_AT)
                    .valuesOfRows(rows)
                    .returningResult(
                        HOLDS.ID,
                        HOLDS.ACCOUNT_ID,
                        HOLDS.TARGET_ACCOUNT_ID,
                        HOLDS.AMOUNT,
                        HOLDS.EXPIRES_AT));
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
    tx.dsl()
        .with(h)
        .with(e)
        .select(
            h.field(HOLDS.ID),
            h.field(HOLDS.ACCOUNT_ID),
            h.field(HOLDS.TARGET_ACCOUNT_ID),
            h.field(HOLDS.AMOUNT),
            h.field(HOLDS.EXPIRES_AT))
        .from(h)
        .forEach(r -> {
          ArrayDeque<Slot> same =
              waiting.get(matchOf(r.value2(), r.value3(), r.value4(), r.value5().toInstant()));
          if (same == null || same.isEmpty()) {
            throw new InternalErrorException("a batch wrote a hold nobody asked for: " + r);
          }
          same.poll().id = r.value1();
        });
  }

  private static List<Object> matchOf(
      long accountId, @Nullable Long target, long amount, Instant expiresAt) {
    return java.util.Arrays.asList(accountId, target, amount, expiresAt);
  }
}
