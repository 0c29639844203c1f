package dev.racefree.lab.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.StandbyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Short chaos runs in the build. On one durable server: 20 s of keyed debits, credits and transfers
 * from 8 clients while backends are terminated, connections are cut by the proxy (just after a
 * COMMIT, too) and the server is crashed with {@code kill -9} and restarted. On a primary with a
 * synchronous standby: the primary killed mid-run and the standby promoted, once after backends
 * were terminated while their COMMIT waited for the standby. Every unknown outcome is resolved by
 * replay and the books hold exactly (the checks themselves are in {@link ChaosChecks}). No timing
 * is asserted.
 */
class ChaosTest {

  @Test
  void crashes_kills_and_cuts_lose_no_acknowledged_write_and_apply_nothing_twice()
      throws Exception {
    ChaosReport r;
    try (LabServer server = LabServer.embedded(true, 100)) {
      r =
          Chaos.run(
              server,
              new Chaos.Settings(
                  8,
                  Duration.ofSeconds(20),
                  10,
                  Duration.ofMillis(300),
                  1,
                  Duration.ofMillis(150),
                  7L));
    }
    assertClean(r);
    assertThat(r.faults().crashes()).as("crashes and restarts").isEqualTo(1);
    assertThat(r.faults().kills()).as("backends killed").isGreaterThanOrEqualTo(5);
    assertThat(r.faults().commitCuts()).as("cuts just after a COMMIT").isPositive();
    assertThat(r.faults().cuts()).isGreaterThan(r.faults().commitCuts());
  }

  @Test
  void a_failover_to_the_synchronous_standby_loses_no_acknowledged_write() throws Exception {
    ChaosReport r;
    try (StandbyPair pair = StandbyPair.start(60);
        LabServer server = LabServer.migrated(pair.connect())) {
      r =
          Chaos.failover(
              pair,
              server,
              new Chaos.Settings(
                  8, Duration.ofSeconds(12), 10, Duration.ZERO, 0, Duration.ZERO, 11L));
    }
    assertClean(r);
    assertThat(r.faults().failover()).isTrue();
    assertThat(r.faults().crashes()).as("failovers").isEqualTo(1);
  }

  @Test
  void backends_terminated_while_their_commit_waits_for_the_standby_lose_nothing_across_a_failover()
      throws Exception {
    ChaosReport r;
    try (StandbyPair pair = StandbyPair.start(60);
        LabServer server = LabServer.migrated(pair.connect())) {
      r =
          Chaos.failover(
              pair,
              server,
              new Chaos.Settings(
                  8, Duration.ofSeconds(12), 10, Duration.ZERO, 0, Duration.ZERO, 13L),
              true);
    }
    assertClean(r);
    assertThat(r.faults().crashes()).as("failovers").isEqualTo(1);
    assertThat(r.faults().syncWaitKills())
        .as("backends terminated while their COMMIT waited for the standby")
        .isPositive();
    assertThat(r.unknown())
        .as("each terminated sync waiter's client saw a lost connection")
        .isGreaterThanOrEqualTo(r.faults().syncWaitKills());
  }

  private static void assertClean(ChaosReport r) {
    assertThat(r.violations()).isEmpty();
    assertThat(r.unknown()).as("calls whose first answer was a lost connection").isPositive();
    assertThat(r.resolved()).isEqualTo(r.unknown());
    assertThat(r.acknowledged() + r.unknown()).isEqualTo(r.operations());
    assertThat(r.applied()).isPositive();
    assertThat(r.faults().recoveries()).as("a write after each server fault").hasSize(1);
    assertThat(r.replayChecks()).isEqualTo(Math.min(ChaosChecks.REPLAY_SAMPLE, r.operations()));
  }
}
