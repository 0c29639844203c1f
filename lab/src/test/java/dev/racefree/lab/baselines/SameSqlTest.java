package dev.racefree.lab.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.LabStatements;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The baselines send racefree's own statements: the JDBC baseline's text is what core renders, and
 * the values it binds for a request are those core binds; the pgbench scripts hold the same text.
 */
class SameSqlTest {

  private static final long ID = 42;
  private static final long AMOUNT = 7;

  @Test
  void the_jdbc_debit_is_the_text_and_the_binds_core_renders_for_the_request() {
    SameSql debit = SameSql.debit();
    var core = LabStatements.debit(DSL.using(org.jooq.SQLDialect.POSTGRES), ID, AMOUNT);

    assertThat(debit.sql()).isEqualTo(SameSql.render(core));
    assertThat(debit.sql()).startsWith("with \"changed\" as (update \"racefree\".\"accounts\"")
        .contains("insert into \"racefree\".\"ledger_entries\"");
    assertThat(debit.values(ID, AMOUNT)).isEqualTo(SameSql.bindValues(core));
    assertThat(debit.values(ID, AMOUNT)).containsSubsequence(-AMOUNT, ID, AMOUNT, -AMOUNT);
  }

  @Test
  void the_jdbc_lock_is_the_text_and_the_binds_core_renders_for_the_request() {
    SameSql lock = SameSql.lock();
    var core = LabStatements.lock(DSL.using(org.jooq.SQLDialect.POSTGRES), ID);

    assertThat(lock.sql()).isEqualTo(SameSql.render(core)).endsWith("for update");
    assertThat(lock.values(ID, AMOUNT)).isEqualTo(SameSql.bindValues(core)).containsExactly(ID);
  }

  @Test
  void the_pgbench_scripts_hold_racefrees_statements_with_pgbench_variables() throws IOException {
    String debit = SameSql.debit().pgbench() + ";";
    String lock = SameSql.lock().pgbench() + ";";
    assertThat(debit).contains(":id", ":amount", ":delta").doesNotContain("?");

    assertThat(statements("atomic")).containsExactly(debit);
    assertThat(statements("pessimistic")).containsExactly("BEGIN;", lock, debit, "COMMIT;");
  }

  /** The script's SQL lines: neither comments nor meta-commands. */
  private static List<String> statements(String strategy) throws IOException {
    try (InputStream in = SameSqlTest.class.getResourceAsStream("/pgbench/" + strategy + ".sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("--") && !l.startsWith("\\"))
          .toList();
    }
  }
}
