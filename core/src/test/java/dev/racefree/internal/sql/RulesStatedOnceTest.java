package dev.racefree.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.internal.holds.HoldOpening;
import dev.racefree.internal.money.DebitUpTo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The funds condition, the ledger insert and the key claim are each written once: every statement
 * that checks funds renders the one {@link Funds} expression, and no file but the rule's own spells
 * the rule out.
 */
public class RulesStatedOnceTest {

  private static final DSLContext DSL_PG = DSL.using(SQLDialect.POSTGRES);
  private static final Path MAIN = Path.of("src/main/java");
  private static final OffsetDateTime LATER =
      OffsetDateTime.of(2100, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  @Test
  public void debit_hold_and_debit_up_to_check_funds_with_the_one_expression() {
    String spare = DSL_PG.render(Funds.spare());
    Map<String, String> statements =
        Map.of(
            "debit", HotStatements.DEBIT.rendered(DSL_PG.configuration()).sql(),
            "hold",
                DSL_PG.render(
                    HoldOpening.statement(DSL_PG, 1, null, 5, LATER, dev.racefree.Posting.of())),
            "debitUpTo",
                DSL_PG.render(DebitUpTo.statement(DSL_PG, 1, 5, dev.racefree.Posting.of())));
    statements.forEach((name, sql) -> assertThat(sql).as(name).contains(spare));
    assertThat(HotStatements.CREDIT.rendered(DSL_PG.configuration()).sql())
        .as("credit")
        .contains(DSL_PG.render(Funds.room()));
  }

  @Test
  public void each_rule_is_spelled_out_in_one_file_of_core() throws IOException {
    Map<String, Pattern> rules =
        Map.of(
            "Funds.java", Pattern.compile("\\.minus\\(ACCOUNTS\\.HELD\\)|MAX_BALANCE, inline"),
            "LedgerInsert.java", Pattern.compile("insertInto\\(LEDGER_ENTRIES"),
            "KeyClaim.java", Pattern.compile("onConflict\\(K\\.SCOPE, K\\.KEY\\)"));
    List<Path> sources;
    try (Stream<Path> files = Files.walk(MAIN)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(sources).hasSizeGreaterThan(50);
    for (var rule : rules.entrySet()) {
      List<String> spelling =
          sources.stream()
              .filter(p -> rule.getValue().matcher(read(p)).find())
              .map(p -> p.getFileName().toString())
              .toList();
      assertThat(spelling).as(rule.getValue().pattern()).containsExactly(rule.getKey());
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
