package dev.racefree.internal.codes;

import static dev.racefree.internal.schema.Tables.CODES;
import static dev.racefree.internal.schema.Tables.CODE_REDEMPTIONS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectDistinct;

import dev.racefree.AuditReport;
import dev.racefree.internal.schema.tables.CodeRedemptions;
import dev.racefree.internal.schema.tables.Codes;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The codes' part of {@code Racefree.verify()}: each check is one statement. */
public final class CodeAudit {

  static final String USES = "uses is not the count of its redemptions not reversed";
  static final String OVER_CAP = "a redeemer holds more redemptions than its cap per redeemer";
  static final String OUTSIDE_WINDOW = "redeemed outside its validity window";

  private static final Codes C = CODES;
  private static final CodeRedemptions R = CODE_REDEMPTIONS;

  private CodeAudit() {}

  public static List<AuditReport.CodeProblem> problems(DSLContext dsl) {
    List<AuditReport.CodeProblem> problems = new ArrayList<>();
    add(dsl, problems, USES, usesMismatches());
    add(dsl, problems, OVER_CAP, overCap());
    add(dsl, problems, OUTSIDE_WINDOW, outsideWindow());
    return problems;
  }

  /** Codes whose {@code uses} differs from the count of their redemptions not reversed. */
  private static Select<? extends Record1<Long>> usesMismatches() {
    Field<Long> counted = count().cast(SQLDataType.BIGINT).as("counted");
    Table<Record2<Long, Long>> n =
        select(R.CODE_ID, counted)
            .from(R)
            .where(R.REVERSED_AT.isNull())
            .groupBy(R.CODE_ID)
            .asTable("n");
    return select(C.ID)
        .from(C)
        .leftJoin(n)
        .on(n.field(R.CODE_ID).eq(C.ID))
        .where(C.USES.ne(coalesce(n.field(counted), inline(0L))));
  }

  /** Codes one of whose redeemers holds more redemptions not reversed than the cap. */
  private static Select<? extends Record1<Long>> overCap() {
    return selectDistinct(C.ID)
        .from(R)
        .join(C)
        .on(C.ID.eq(R.CODE_ID))
        .where(R.REVERSED_AT.isNull())
        .groupBy(C.ID, R.REDEEMER, C.MAX_PER_REDEEMER)
        .having(count().cast(SQLDataType.BIGINT).gt(C.MAX_PER_REDEEMER));
  }

  /** Codes with a redemption dated before their window opened or once it had closed. */
  private static Select<? extends Record1<Long>> outsideWindow() {
    return selectDistinct(C.ID)
        .from(R)
        .join(C)
        .on(C.ID.eq(R.CODE_ID))
        .where(R.REDEEMED_AT.lt(C.VALID_FROM).or(R.REDEEMED_AT.ge(C.VALID_UNTIL)));
  }

  private static void add(
      DSLContext dsl,
      List<AuditReport.CodeProblem> into,
      String problem,
      Select<? extends Record1<Long>> codes) {
    Table<? extends Record1<Long>> found = codes.asTable("found");
    Field<Long> id = found.field(C.ID);
    dsl.select(id)
        .from(found)
        .orderBy(id)
        .forEach(r -> into.add(new AuditReport.CodeProblem(r.value1(), problem)));
  }
}
