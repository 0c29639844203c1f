package dev.racefree.lab.baselines;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.racefree.Racefree;
import dev.racefree.lab.load.LabAccounts;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.SharedServer;
import dev.racefree.lab.strategies.Strategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * pgbench runs the script written from racefree's statements, and each transaction it counts is a
 * debit exactly as racefree journals one. Needs pgbench on this machine (BenchTest reports where it
 * was looked for when it is not).
 */
class PgbenchTest {

  @ParameterizedTest
  @EnumSource(names = {"ATOMIC", "PESSIMISTIC"})
  void each_transaction_pgbench_counts_is_one_debit_journaled_as_racefree_journals_it(
      Strategy strategy) throws Exception {
    Optional<Path> executable = new PgbenchLocator().find(null);
    assumeThat(executable).as("pgbench on this machine").isPresent();
    LabServer server = SharedServer.get();
    DSLContext admin = server.admin();
    long opening = 1_000_000;
    long[] ids = LabAccounts.open(admin, "pgbench-" + strategy.label(), 1, opening);
    Pgbench pgbench = new Pgbench(executable.get(), server.connect(), server.applicationName());

    Pgbench.Run run =
        pgbench.run(
            strategy,
            Racefree.using(admin).statements(),
            1,
            Duration.ofSeconds(1),
            ids[0],
            ids[0],
            3);

    assertThat(run.failed()).isZero();
    assertThat(run.processed()).isPositive();
    assertThat(LabAccounts.balances(admin, "pgbench-" + strategy.label(), ids))
        .containsExactly(opening - 3 * run.processed());
    assertThat(
            admin
                .select(
                    LEDGER_ENTRIES.AMOUNT,
                    LEDGER_ENTRIES.KIND,
                    LEDGER_ENTRIES.CORRELATION_ID,
                    LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID)
                .from(LEDGER_ENTRIES)
                .where(LEDGER_ENTRIES.ACCOUNT_ID.eq(ids[0]).and(LEDGER_ENTRIES.AMOUNT.lt(0L)))
                .fetch(r -> r.value1() + "/" + r.value2() + "/" + r.value3() + "/" + r.value4()))
        .hasSize((int) run.processed())
        .containsOnly("-3/debit/null/null");
  }
}
