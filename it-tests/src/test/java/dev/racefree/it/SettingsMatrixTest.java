package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.dropSchemaIfExists;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.Racefree;
import dev.racefree.db.RacefreeMigrations;
import dev.racefree.exception.AmbiguousTransactionException;
import dev.racefree.exception.InvalidArgumentException;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core operations ({@link Scenario}) under the jOOQ settings and transaction set-ups a team may
 * use. Each gives exactly the right results, or is refused by {@code Racefree.using} with a clear
 * message; none gives a wrong answer.
 */
@ExtendWith(PostgresExtension.class)
class SettingsMatrixTest {

  static Stream<Named<Settings>> renderSettings() {
    return Stream.of(
        Named.of("default settings", new Settings()),
        Named.of(
            "STATIC_STATEMENT", new Settings().withStatementType(StatementType.STATIC_STATEMENT)),
        Named.of("ParamType.INLINED", new Settings().withParamType(ParamType.INLINED)),
        Named.of("ParamType.NAMED", new Settings().withParamType(ParamType.NAMED)),
        Named.of(
            "RenderQuotedNames.NEVER",
            new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER)),
        Named.of(
            "RenderNameCase.UPPER, RenderQuotedNames.NEVER",
            new Settings()
                .withRenderNameCase(RenderNameCase.UPPER)
                .withRenderQuotedNames(RenderQuotedNames.NEVER)),
        Named.of("executeLogging on", new Settings().withExecuteLogging(true)),
        Named.of("executeLogging off", new Settings().withExecuteLogging(false)));
  }

  @ParameterizedTest
  @MethodSource("renderSettings")
  void core_operations_are_exact_under_render_settings(Settings settings, DataSource dataSource)
      throws Exception {
    Racefree rf = Racefree.using(DSL.using(dataSource, SQLDialect.POSTGRES, settings));
    Scenario.Accounts accounts = Scenario.run(rf);
    Scenario.feed(rf, accounts);
    Scenario.velocity(rf, accounts);
    BatchScenario.run(rf, dataSource, accounts);
  }

  @Test
  void upper_case_quoted_names_are_refused_because_no_racefree_table_has_them(
      DataSource dataSource) {
    DSLContext upper =
        DSL.using(
            dataSource,
            SQLDialect.POSTGRES,
            new Settings().withRenderNameCase(RenderNameCase.UPPER));
    assertThatThrownBy(() -> Racefree.using(upper))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("RenderNameCase.UPPER");
  }

  @Test
  void a_schema_mapping_sends_every_statement_to_the_mapped_schema(Admin admin) {
    DataSource dataSource = admin.dataSource(); // the owner migrates the mapped schema
    DSLContext dsl = admin.dsl();
    String mapped = "racefree_mapped";
    dsl.execute(dropSchemaIfExists(mapped).cascade());
    RacefreeMigrations.migrate(dataSource, mapped);
    Settings settings =
        new Settings()
            .withRenderMapping(
                new RenderMapping()
                    .withSchemata(
                        new MappedSchema()
                            .withInput(RacefreeMigrations.SCHEMA)
                            .withOutput(mapped)));
    try {
      Racefree rf = Racefree.using(DSL.using(dataSource, SQLDialect.POSTGRES, settings));
      Scenario.Accounts accounts = Scenario.run(rf);
      Scenario.feed(rf, accounts);
      assertThat(
              dsl.fetchValue(
                  "select count(*) from racefree_mapped.accounts where external_name is null"))
          .isEqualTo(2L);
      Scenario.velocity(rf, accounts); // the velocity functions, in the mapped schema too
      assertThat(dsl.fetchValue("select count(*) from racefree.accounts")).isEqualTo(0L);
    } finally {
      dsl.execute(dropSchemaIfExists(mapped).cascade());
    }
  }

  @Test
  void a_callers_execute_listener_sees_the_hot_statements(DataSource dataSource) {
    List<String> seen = new CopyOnWriteArrayList<>();
    ExecuteListener listener =
        new ExecuteListener() {
          @Override
          public void executeStart(ExecuteContext ctx) {
            seen.add(ctx.sql());
          }
        };
    DSLContext listened =
        DSL.using(
            new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.POSTGRES)
                .set(new DefaultExecuteListenerProvider(listener)));
    Scenario.run(Racefree.using(listened));
    assertThat(seen)
        .anyMatch(
            sql -> sql.contains("ledger_entries") && sql.contains("min_balance\") >=")); // debit
    assertThat(seen)
        .anyMatch(sql -> sql.contains("ledger_entries") && sql.contains("max_balance")); // credit
    assertThat(seen).anyMatch(sql -> sql.endsWith("for update nowait")); // row lock
  }

  @Test
  void a_pool_with_auto_commit_off_is_refused_unless_told_and_then_every_operation_commits(
      DSLContext dsl) {
    try (HikariDataSource noAutoCommit = pool(false)) {
      DSLContext pooled = DSL.using(noAutoCommit, SQLDialect.POSTGRES);
      assertThatThrownBy(() -> Racefree.using(pooled))
          .isInstanceOf(AmbiguousTransactionException.class)
          .hasMessageContaining("auto-commit off")
          .hasMessageContaining("Racefree.using(dsl, callerTransaction)");

      Scenario.Accounts ids = Scenario.run(Racefree.using(pooled, () -> false));
      // Read back through another pool: only committed work is there.
      Racefree other = Racefree.using(dsl);
      assertThat(other.accounts().balance(ids.alice())).isEqualTo(Scenario.ALICE_AFTER);
      assertThat(other.accounts().balance(ids.bob())).isEqualTo(Scenario.BOB_AFTER);
      assertThat(other.verify().isClean()).isTrue();
    }
  }

  @Test
  void a_pool_with_auto_commit_on_commits_every_operation(DSLContext dsl) {
    try (HikariDataSource autoCommit = pool(true)) {
      Scenario.Accounts ids =
          Scenario.run(Racefree.using(DSL.using(autoCommit, SQLDialect.POSTGRES)));
      assertThat(Racefree.using(dsl).accounts().balance(ids.alice()))
          .isEqualTo(Scenario.ALICE_AFTER);
    }
  }

  @Test
  void a_jooq_transaction_is_joined_and_its_rollback_takes_everything(DSLContext dsl) {
    long[] alice = new long[1];
    dsl.transaction(cfg -> alice[0] = Scenario.run(Racefree.using(cfg.dsl())).alice());
    assertThat(Racefree.using(dsl).accounts().balance(alice[0])).isEqualTo(Scenario.ALICE_AFTER);

    assertThatThrownBy(() ->
            dsl.transaction(cfg -> {
              Scenario.run(Racefree.using(cfg.dsl()));
              throw new IllegalStateException("the caller rolls back");
            }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(
            dsl.fetchCount(
                DSL.table(DSL.name("racefree", "accounts")),
                DSL.field(DSL.name("external_name")).isNull()))
        .isEqualTo(2);
  }

  @Test
  void a_thread_local_transaction_is_joined_through_its_context_and_refused_through_the_pool(
      DataSource dataSource, DSLContext dsl) {
    DSLContext threadLocal =
        DSL.using(
            new DefaultConfiguration()
                .set(
                    new ThreadLocalTransactionProvider(
                        new DataSourceConnectionProvider(dataSource)))
                .set(SQLDialect.POSTGRES));
    long[] alice = new long[1];
    threadLocal.transaction(cfg -> {
      assertThatThrownBy(() -> Racefree.using(threadLocal))
          .isInstanceOf(AmbiguousTransactionException.class);
      alice[0] = Scenario.run(Racefree.using(cfg.dsl())).alice();
    });
    assertThat(Racefree.using(dsl).accounts().balance(alice[0])).isEqualTo(Scenario.ALICE_AFTER);

    assertThatThrownBy(() ->
            threadLocal.transaction(cfg -> {
              Scenario.run(Racefree.using(cfg.dsl()));
              throw new IllegalStateException("the caller rolls back");
            }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(
            dsl.fetchCount(
                DSL.table(DSL.name("racefree", "accounts")),
                DSL.field(DSL.name("external_name")).isNull()))
        .isEqualTo(2);
  }

  @Test
  void a_plain_jdbc_transaction_is_joined_and_the_caller_decides(
      DataSource dataSource, DSLContext dsl) throws Exception {
    long alice;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      alice = Scenario.run(Racefree.using(DSL.using(c, SQLDialect.POSTGRES))).alice();
      c.rollback();
      assertThat(Racefree.using(dsl).accounts().find(alice)).isEmpty();

      alice = Scenario.run(Racefree.using(DSL.using(c, SQLDialect.POSTGRES))).alice();
      c.commit();
      c.setAutoCommit(true);
    }
    assertThat(Racefree.using(dsl).accounts().balance(alice)).isEqualTo(Scenario.ALICE_AFTER);
  }

  private static HikariDataSource pool(boolean autoCommit) {
    TestServer server = TestDatabase.get().server;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setAutoCommit(autoCommit);
    config.setMaximumPoolSize(ConnectionBudget.PER_TEST_POOL);
    config.setPoolName("matrix-" + (autoCommit ? "auto-commit" : "no-auto-commit"));
    return new HikariDataSource(config);
  }
}
