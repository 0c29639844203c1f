package dev.racefree.lab.strategies;

import static dev.racefree.internal.schema.Tables.CODES;
import static dev.racefree.internal.schema.Tables.CODE_REDEMPTIONS;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.selectCount;

import dev.racefree.lab.load.LabCodes;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Outcome;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.impl.SQLDataType;

/**
 * The code bug, written as plainly as it usually is, in one transaction: read the code's uses and
 * caps and how many times this redeemer has redeemed it, check both caps in Java, then write the
 * uses read plus one and insert the redemption. Under READ COMMITTED nothing stops two clients from
 * reading the same counts: both pass the checks, both write, and the code is redeemed more often
 * than either cap allows while its {@code uses} counts one.
 */
final class NaiveCode implements Operation {

  private final DSLContext dsl;
  private final LabCodes codes;
  private final Gap gap;

  NaiveCode(DSLContext dsl, LabCodes codes, Gap gap) {
    this.dsl = dsl;
    this.codes = codes;
    this.gap = gap;
  }

  @Override
  public Outcome apply(long codeId) throws Exception {
    int index = codes.index(codeId);
    int redeemer = codes.nextRedeemer();
    String name = LabCodes.redeemer(redeemer);
    Answer answer =
        dsl.transactionResult(cfg -> {
          DSLContext tx = cfg.dsl();
          Field<Long> mine =
              field(
                      selectCount()
                          .from(CODE_REDEMPTIONS)
                          .where(CODE_REDEMPTIONS.CODE_ID.eq(codeId))
                          .and(CODE_REDEMPTIONS.REDEEMER.eq(name))
                          .and(CODE_REDEMPTIONS.REVERSED_AT.isNull()))
                  .cast(SQLDataType.BIGINT);
          Record4<Long, Long, Long, Long> read =
              tx.select(CODES.USES, CODES.MAX_USES, CODES.MAX_PER_REDEEMER, mine)
                  .from(CODES)
                  .where(CODES.ID.eq(codeId))
                  .fetchSingle();
          long uses = read.value1();
          if (uses >= read.value2()) {
            return Answer.EXHAUSTED;
          }
          if (read.value4() >= read.value3()) {
            return Answer.AT_LIMIT;
          }
          gap.between();
          // The uses read plus one, and a redemption for a count that may be stale: the bug.
          tx.update(CODES).set(CODES.USES, uses + 1).where(CODES.ID.eq(codeId)).execute();
          tx.insertInto(CODE_REDEMPTIONS, CODE_REDEMPTIONS.CODE_ID, CODE_REDEMPTIONS.REDEEMER)
              .values(codeId, name)
              .execute();
          return Answer.GRANTED;
        });
    return switch (answer) {
      case GRANTED -> {
        codes.granted(index, redeemer);
        yield Outcome.SUCCEEDED;
      }
      case EXHAUSTED -> {
        codes.exhausted();
        yield Outcome.REJECTED;
      }
      case AT_LIMIT -> {
        codes.atLimit();
        yield Outcome.REJECTED;
      }
    };
  }

  /** What the checks in Java decided, as racefree's results would say it. */
  private enum Answer {
    GRANTED,
    EXHAUSTED,
    AT_LIMIT
  }
}
