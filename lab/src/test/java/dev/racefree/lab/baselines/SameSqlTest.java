package dev.racefree.lab.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.HotStatement;
import dev.racefree.Racefree;
import dev.racefree.lab.strategies.Strategy;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The baselines send racefree's own statements: the JDBC baseline prepares exactly the text of
 * {@code Racefree.statements()} and binds, by role, what racefree binds for a debit; the pgbench
 * scripts hold the same text, with pgbench variables or literals where the placeholders are. The
 * values expected per role are the contract of {@link HotStatement#parameters()}, written out here.
 */
class SameSqlTest {

  private static final long ID = 42;
  private static final long AMOUNT = 7;

  /** What racefree binds for {@code debit(42, 7)}, per role, as the recorder logs the JDBC call. */
  private static final Map<String, String> JDBC_BINDS =
      Map.ofEntries(
          Map.entry("account_id", "setLong[%d, 42]"),
          Map.entry("delta", "setLong[%d, -7]"),
          Map.entry("limit", "setLong[%d, 7]"),
          Map.entry("entry_amount", "setLong[%d, -7]"),
          Map.entry("spent", "setLong[%d, 7]"),
          // racefree's SQL casts it to racefree.entry_kind
          Map.entry("entry_kind", "setString[%d, debit]"),
          Map.entry("correlation_id", "setNull[%d, " + Types.OTHER + "]"),
          Map.entry("idempotency_key_id", "setNull[%d, " + Types.BIGINT + "]"),
          Map.entry("posting_id", "setObject[%d, <uuid>]"), // a new posting per debit
          Map.entry("counterparty_id", "setNull[%d, " + Types.BIGINT + "]"),
          Map.entry("reference", "setNull[%d, " + Types.VARCHAR + "]"),
          Map.entry("unique_reference", "setBoolean[%d, false]"),
          Map.entry("code", "setNull[%d, " + Types.INTEGER + "]"),
          Map.entry("metadata_keys", "setNull[%d, " + Types.ARRAY + "]"),
          Map.entry("metadata_values", "setNull[%d, " + Types.ARRAY + "]"));

  /** What stands at each role's placeholder in a pgbench script. */
  private static final Map<String, String> PGBENCH_VALUES =
      Map.ofEntries(
          Map.entry("account_id", ":account_id"),
          Map.entry("delta", ":delta"),
          Map.entry("limit", ":limit"),
          Map.entry("entry_amount", ":entry_amount"),
          Map.entry("spent", ":spent"),
          Map.entry("entry_kind", "'debit'"),
          Map.entry("correlation_id", "NULL::uuid"),
          Map.entry("idempotency_key_id", "NULL::bigint"),
          Map.entry("posting_id", "'<uuid>'"),
          Map.entry("counterparty_id", "NULL::bigint"),
          Map.entry("reference", "NULL::text"),
          Map.entry("unique_reference", "false"),
          Map.entry("code", "NULL::integer"),
          Map.entry("metadata_keys", "NULL::text[]"),
          Map.entry("metadata_values", "NULL::text[]"));

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** {@code lines} with every UUID written as {@code <uuid>}: posting ids are new each time. */
  private static List<String> withoutUuids(List<String> lines) {
    return lines.stream().map(l -> UUID_TEXT.matcher(l).replaceAll("<uuid>")).toList();
  }

  /** And how the script sets its variables from -D lo, hi and amount. */
  private static final Map<String, String> PGBENCH_SETS =
      Map.of(
          "account_id", "\\set account_id random(:lo, :hi)",
          "delta", "\\set delta -1 * :amount",
          "limit", "\\set limit :amount",
          "entry_amount", "\\set entry_amount -1 * :amount",
          "spent", "\\set spent :amount");

  static List<Settings> settings() {
    return List.of(
        new Settings().withExecuteLogging(false), // the lab's own
        new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER).withRenderFormatted(true));
  }

  private static List<HotStatement> statements(Settings settings) {
    return Racefree.using(DSL.using(SQLDialect.POSTGRES, settings), () -> false).statements();
  }

  private static HotStatement named(List<HotStatement> statements, String name) {
    return statements.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> jdbcCalls(HotStatement s) {
    List<String> calls = new ArrayList<>(List.of("prepare " + s.sql()));
    for (int i = 0; i < s.parameters().size(); i++) {
      calls.add("  " + JDBC_BINDS.get(s.parameters().get(i)).formatted(i + 1));
    }
    return calls;
  }

  @ParameterizedTest
  @MethodSource("settings")
  void the_jdbc_atomic_debit_prepares_racefrees_text_and_binds_what_racefree_binds(
      Settings settings) throws Exception {
    List<HotStatement> statements = statements(settings);
    RecordingDataSource db = new RecordingDataSource();

    JdbcDebit.atomic(db.dataSource(), statements, AMOUNT).apply(ID);

    assertThat(withoutUuids(db.log))
        .containsExactlyElementsOf(jdbcCalls(named(statements, "debit")));
  }

  @ParameterizedTest
  @MethodSource("settings")
  void the_jdbc_pessimistic_debit_locks_then_debits_with_racefrees_text_in_one_transaction(
      Settings settings) throws Exception {
    List<HotStatement> statements = statements(settings);
    RecordingDataSource db = new RecordingDataSource();

    JdbcDebit.pessimistic(db.dataSource(), statements, AMOUNT).apply(ID);

    List<String> expected = new ArrayList<>(List.of("autocommit false"));
    expected.addAll(jdbcCalls(named(statements, "lock")));
    expected.addAll(jdbcCalls(named(statements, "debit")));
    expected.addAll(List.of("commit", "autocommit true"));
    assertThat(withoutUuids(db.log)).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("settings")
  void the_pgbench_scripts_send_racefrees_text_with_variables_for_numbers_and_literals_for_the_rest(
      Settings settings) {
    List<HotStatement> statements = statements(settings);
    HotStatement debit = named(statements, "debit");
    HotStatement lock = named(statements, "lock");

    String atomic = PgbenchScript.of(Strategy.ATOMIC, statements);
    assertThat(sqlOf(atomic)).hasSize(1);
    assertSameText(sqlOf(atomic).getFirst(), debit);
    assertThat(atomic.lines())
        .containsAll(
            debit.parameters().stream()
                .filter(PGBENCH_SETS::containsKey)
                .map(PGBENCH_SETS::get)
                .toList());

    String pessimistic = PgbenchScript.of(Strategy.PESSIMISTIC, statements);
    List<String> sql = sqlOf(pessimistic);
    assertThat(sql).hasSize(4);
    assertThat(sql.getFirst()).isEqualTo("BEGIN");
    assertSameText(sql.get(1), lock);
    assertSameText(sql.get(2), debit);
    assertThat(sql.getLast()).isEqualTo("COMMIT");
    assertThat(pessimistic.lines().filter(l -> l.startsWith("\\set account_id")))
        .as("one id per transaction")
        .hasSize(1);
  }

  /** {@code script} is {@code s}'s text exactly, but for what stands at each placeholder. */
  private static void assertSameText(String script, HotStatement s) {
    String regex =
        Arrays.stream(s.sql().split("\\?", -1))
            .map(Pattern::quote)
            .collect(Collectors.joining("(:[a-z_]+|'[^']*'|NULL::[a-z\\[\\]]+|false)"));
    Matcher m = Pattern.compile(regex).matcher(script);
    assertThat(m.matches()).as("%s%nis racefree's%n%s", script, s.sql()).isTrue();
    List<String> atPlaceholders = new ArrayList<>();
    for (int i = 1; i <= m.groupCount(); i++) {
      atPlaceholders.add(UUID_TEXT.matcher(m.group(i)).replaceAll("<uuid>"));
    }
    assertThat(atPlaceholders).isEqualTo(s.parameters().stream().map(PGBENCH_VALUES::get).toList());
  }

  /**
   * The script's SQL statements: neither comments nor meta-commands, each without its semicolon.
   */
  private static List<String> sqlOf(String script) {
    String sql =
        script
            .lines()
            .filter(l -> !l.startsWith("--") && !l.startsWith("\\"))
            .collect(Collectors.joining("\n"));
    return Arrays.stream(sql.split(";\n?")).map(String::strip).filter(t -> !t.isEmpty()).toList();
  }

  @Test
  void a_parameter_role_the_lab_does_not_know_fails_before_anything_runs() {
    List<HotStatement> surprising =
        List.of(
            new HotStatement(
                "debit",
                "update accounts set balance = balance + ? where id = ?",
                List.of("delta", "tenant_id")));

    assertThatThrownBy(
            () -> JdbcDebit.atomic(new RecordingDataSource().dataSource(), surprising, AMOUNT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("\"tenant_id\"");
    assertThatThrownBy(() -> PgbenchScript.of(Strategy.ATOMIC, surprising))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("\"tenant_id\"");
  }

  @Test
  void placeholders_and_parameters_that_disagree_fail_before_anything_runs() {
    List<HotStatement> miscounted =
        List.of(new HotStatement("debit", "select ?, ?", List.of("account_id")));

    assertThatThrownBy(
            () -> JdbcDebit.atomic(new RecordingDataSource().dataSource(), miscounted, AMOUNT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2 placeholders but names 1 parameters");
  }

  @Test
  void a_statement_racefree_does_not_name_fails_before_anything_runs() {
    List<HotStatement> withoutLock = List.of(named(statements(new Settings()), "debit"));

    assertThatThrownBy(() ->
            JdbcDebit.pessimistic(new RecordingDataSource().dataSource(), withoutLock, AMOUNT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("\"lock\"");
  }

  @Test
  void question_marks_in_quoted_text_are_not_placeholders() {
    Placeholders p =
        Placeholders.of(
            "select '?', \"a?b\", cast(? as \"racefree\".\"entry_kind\"), ? from t where x = 'it''s?'");

    assertThat(p.count()).isEqualTo(2);
    assertThat(p.cast(0)).isTrue();
    assertThat(p.cast(1)).isFalse();
    assertThat(p.with(List.of("A", "B")))
        .isEqualTo(
            "select '?', \"a?b\", cast(A as \"racefree\".\"entry_kind\"), B from t where x = 'it''s?'");
  }
}
