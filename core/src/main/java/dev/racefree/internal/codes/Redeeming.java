package dev.racefree.internal.codes;

import static dev.racefree.internal.schema.Tables.CODES;
import static dev.racefree.internal.schema.Tables.CODE_REDEMPTIONS;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.trueCondition;
import static org.jooq.impl.DSL.val;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.schema.tables.CodeRedemptions;
import dev.racefree.internal.schema.tables.Codes;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.result.CodeExhausted;
import dev.racefree.result.CodeExpired;
import dev.racefree.result.CodeNotYetValid;
import dev.racefree.result.CodeRedeemed;
import dev.racefree.result.CodeResult;
import dev.racefree.result.RedeemerLimitReached;
import dev.racefree.result.UnknownCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Record5;
import org.jooq.impl.SQLDataType;

/**
 * A redemption, in one transaction of two statements. (1) {@code SELECT ... FROM codes WHERE
 * code_hash = :hash FOR NO KEY UPDATE} locks the code's row: every redemption of one code waits
 * here for the one before it to commit, and reads the row as that one left it. (2) One statement
 * decides and writes: {@code WITH s AS (SELECT statement_timestamp() AS now, (SELECT count(*) FROM
 * code_redemptions WHERE code_id = :id AND redeemer = :redeemer AND reversed_at IS NULL) AS mine),
 * c AS (UPDATE codes SET uses = uses + 1 FROM s WHERE id = :id AND uses < max_uses AND valid_from
 * <= s.now AND s.now < valid_until AND s.mine < max_per_redeemer RETURNING ...), i AS (INSERT INTO
 * code_redemptions ... SELECT ... FROM c, s RETURNING ...) SELECT ... FROM s LEFT JOIN c LEFT JOIN
 * i}: the use is counted and its redemption written together, or neither.
 *
 * <p>Two statements, because the redeemer's count must be read by a statement that starts once the
 * lock is held. Under READ COMMITTED each statement reads its own snapshot, taken when it starts:
 * an {@code UPDATE} that waited for the row lock re-checks the row it waited for, but a subquery in
 * it still reads the snapshot taken before the wait, and would miss the redemption that the lock
 * holder just committed, so one redeemer could pass its cap. Statement (2) starts after (1) has the
 * lock, so its snapshot holds every redemption committed before. Under SERIALIZABLE (or REPEATABLE
 * READ) a redemption whose code row changed since its snapshot fails at (1) with a serialization
 * failure, which the runner retries when it owns the transaction.
 *
 * <p>When (2) writes nothing, why is read from the row (1) locked, which no one else can change
 * meanwhile, and the clock and count (2) decided with.
 */
public final class Redeeming {

  private static final Codes C = CODES;
  private static final CodeRedemptions R = CODE_REDEMPTIONS;

  /** The code's row as statement (1) locked it. */
  private record Locked(
      long id,
      long uses,
      long maxUses,
      long maxPerRedeemer,
      OffsetDateTime validFrom,
      OffsetDateTime validUntil) {}

  private Redeeming() {}

  public static CodeResult redeem(DSLContext dsl, byte[] hash, String redeemer) {
    Optional<Locked> locked =
        dsl.select(C.ID, C.USES, C.MAX_USES, C.MAX_PER_REDEEMER, C.VALID_FROM, C.VALID_UNTIL)
            .from(C)
            .where(C.CODE_HASH.eq(hash))
            .forNoKeyUpdate()
            .fetchOptional(r ->
                new Locked(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    if (locked.isEmpty()) {
      return new UnknownCode();
    }
    Locked code = locked.get();
    Record5<OffsetDateTime, Long, Long, OffsetDateTime, Long> taken =
        take(dsl, code.id(), redeemer);
    Long redemptionId = taken.value3();
    if (redemptionId != null) {
      return new CodeRedeemed(redemptionId, code.id(), taken.value5(), taken.value4().toInstant());
    }
    return whyNot(code, taken.value1().toInstant(), taken.value2());
  }

  /**
   * Statement (2): the clock, the redeemer's count, and the redemption written ({@code null}s when
   * none was), with the uses left after it.
   */
  private static Record5<OffsetDateTime, Long, Long, OffsetDateTime, Long> take(
      DSLContext dsl, long codeId, String redeemer) {
    Field<OffsetDateTime> now = DbClock.NOW.as("now");
    Field<Long> mine =
        field(
                selectCount()
                    .from(R)
                    .where(R.CODE_ID.eq(codeId))
                    .and(R.REDEEMER.eq(redeemer))
                    .and(R.REVERSED_AT.isNull()))
            .cast(SQLDataType.BIGINT)
            .as("mine");
    CommonTableExpression<Record2<OffsetDateTime, Long>> s = name("s").as(select(now, mine));
    Field<OffsetDateTime> at = s.field(now);
    Field<Long> counted = s.field(mine);
    Field<Long> left = C.MAX_USES.minus(C.USES).as("uses_left");
    CommonTableExpression<Record2<Long, Long>> c =
        name("c")
            .as(
                dsl.update(C)
                    .set(C.USES, C.USES.plus(inline(1L)))
                    .from(s)
                    .where(C.ID.eq(codeId))
                    .and(C.USES.lt(C.MAX_USES))
                    .and(C.VALID_FROM.le(at))
                    .and(at.lt(C.VALID_UNTIL))
                    .and(counted.lt(C.MAX_PER_REDEEMER))
                    .returningResult(C.ID, left));
    CommonTableExpression<Record2<Long, OffsetDateTime>> i =
        name("i")
            .as(
                dsl.insertInto(R, R.CODE_ID, R.REDEEMER, R.REDEEMED_AT)
                    .select(select(c.field(C.ID), val(redeemer), at).from(c, s))
                    .returningResult(R.ID, R.REDEEMED_AT));
    return dsl.with(s, c, i)
        .select(at, counted, i.field(R.ID), i.field(R.REDEEMED_AT), c.field(left))
        .from(s)
        .leftJoin(c)
        .on(trueCondition())
        .leftJoin(i)
        .on(trueCondition())
        .fetchSingle();
  }

  /** Why statement (2) wrote nothing: the window first, then the code's uses, then the redeemer. */
  private static CodeResult whyNot(Locked code, Instant now, long mine) {
    if (now.isBefore(code.validFrom().toInstant())) {
      return new CodeNotYetValid(code.id(), code.validFrom().toInstant());
    }
    if (!now.isBefore(code.validUntil().toInstant())) {
      return new CodeExpired(code.id(), code.validUntil().toInstant());
    }
    if (code.uses() >= code.maxUses()) {
      return new CodeExhausted(code.id(), code.maxUses());
    }
    if (mine >= code.maxPerRedeemer()) {
      return new RedeemerLimitReached(code.id(), code.maxPerRedeemer());
    }
    throw new InternalErrorException(
        "code " + code.id() + " is redeemable, yet the redeeming update matched no row");
  }
}
