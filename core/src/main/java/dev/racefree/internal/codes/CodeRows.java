package dev.racefree.internal.codes;

import static dev.racefree.internal.schema.Tables.CODES;
import static dev.racefree.internal.schema.Tables.CODE_REDEMPTIONS;

import dev.racefree.CodeRedemption;
import dev.racefree.CodeRules;
import dev.racefree.CodeState;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.schema.tables.CodeRedemptions;
import dev.racefree.internal.schema.tables.Codes;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record1;

/** A code's row and its redemptions' rows, as written when created and read back. */
public final class CodeRows {

  private static final Codes C = CODES;
  private static final CodeRedemptions R = CODE_REDEMPTIONS;

  private CodeRows() {}

  /**
   * {@code INSERT INTO codes ... ON CONFLICT (code_hash) DO NOTHING RETURNING id}: the new code's
   * id, or empty when a code with this hash exists (and nothing changed).
   */
  public static Optional<Long> insert(
      DSLContext dsl, byte[] hash, String purpose, CodeRules rules) {
    OffsetDateTime from = Check.instant(rules.validFrom(), "validFrom");
    OffsetDateTime until = Check.instant(rules.validUntil(), "validUntil");
    return dsl.insertInto(C)
        .set(C.CODE_HASH, hash)
        .set(C.PURPOSE, purpose)
        .set(C.MAX_USES, rules.maxUses())
        .set(C.MAX_PER_REDEEMER, rules.maxPerRedeemer())
        .set(C.VALID_FROM, from)
        .set(C.VALID_UNTIL, until)
        .onConflict(C.CODE_HASH)
        .doNothing()
        .returningResult(C.ID)
        .fetchOptional(Record1::value1);
  }

  public static Optional<CodeState> state(DSLContext dsl, long codeId) {
    return dsl.select(
            C.ID,
            C.PURPOSE,
            C.USES,
            C.MAX_USES,
            C.MAX_PER_REDEEMER,
            C.VALID_FROM,
            C.VALID_UNTIL,
            C.CREATED_AT)
        .from(C)
        .where(C.ID.eq(codeId))
        .fetchOptional(r ->
            new CodeState(
                r.value1(),
                r.value2(),
                r.value3(),
                new CodeRules(
                    r.value4(), r.value5(), r.value6().toInstant(), r.value7().toInstant()),
                r.value8().toInstant()));
  }

  /** The code's redemptions after {@code afterId}, oldest first, at most {@code limit}. */
  public static List<CodeRedemption> redemptions(
      DSLContext dsl, long codeId, long afterId, int limit) {
    return dsl.select(R.ID, R.CODE_ID, R.REDEEMER, R.REDEEMED_AT, R.REVERSED_AT)
        .from(R)
        .where(R.CODE_ID.eq(codeId))
        .and(R.ID.gt(afterId))
        .orderBy(R.ID)
        .limit(limit)
        .fetch(r ->
            new CodeRedemption(
                r.value1(),
                r.value2(),
                r.value3(),
                r.value4().toInstant(),
                r.value5() == null ? null : r.value5().toInstant()));
  }
}
