package dev.racefree.lab.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.lab.server.SharedServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A short chaos run in the build: 20 s of keyed debits, credits and transfers from 8 clients while
 * a backend is terminated every 150 ms. Every unknown outcome is resolved by replay, and the books
 * hold exactly (the checks themselves are in {@link Chaos}: balances, bounds, audit, ledger
 * entries, replays). No timing is asserted.
 */
class ChaosTest {

  @Test
  void backend_kills_lose_no_acknowledged_write_and_apply_nothing_twice() throws Exception {
    ChaosReport r =
        Chaos.run(
            SharedServer.get(),
            new Chaos.Settings(8, Duration.ofSeconds(20), 10, Duration.ofMillis(150), 7L));
    assertThat(r.violations()).isEmpty();
    assertThat(r.kills()).as("backends killed").isGreaterThanOrEqualTo(5);
    assertThat(r.unknown()).as("calls whose first answer was a lost connection").isPositive();
    assertThat(r.resolved()).isEqualTo(r.unknown());
    assertThat(r.acknowledged() + r.unknown()).isEqualTo(r.operations());
    assertThat(r.applied()).isPositive();
    assertThat(r.replayChecks()).isEqualTo(Math.min(200, r.operations()));
  }
}
