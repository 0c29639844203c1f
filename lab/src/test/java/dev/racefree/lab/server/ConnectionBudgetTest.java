package dev.racefree.lab.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What fits: max_connections less the reserved slots, everyone else's and the lab's own. */
class ConnectionBudgetTest {

  /**
   * A default server (max_connections 100, 3 reserved for superusers), with the lab's admin pool.
   */
  private static final ConnectionBudget DEFAULTS = new ConnectionBudget(100, 3, 0, 2);

  @Test
  void on_a_default_server_64_clients_and_pgbench_set_up_connection_fit_and_96_do_not() {
    assertThat(DEFAULTS.free()).isEqualTo(95);
    assertThat(DEFAULTS.shortfall(65, "64 clients")).isEmpty();
    assertThat(DEFAULTS.shortfall(95, "95 clients")).as("exactly full fits").isEmpty();
    assertThat(DEFAULTS.shortfall(96, "96 clients"))
        .contains(
            "96 clients need 96 connections, the server has"
                + " 95 free (max_connections 100 - 3 reserved - 0 in use by others - 2 the lab's own)");
  }

  @Test
  void connections_other_sessions_hold_are_not_the_labs_to_take() {
    ConnectionBudget busy = new ConnectionBudget(100, 3, 40, 2);
    assertThat(busy.free()).isEqualTo(55);
    assertThat(busy.shortfall(33, "32 clients (+1)")).isEmpty();
    assertThat(busy.shortfall(65, "64 clients (+1)"))
        .get()
        .asString()
        .contains("need 65 connections", "55 free", "40 in use by others");
  }

  @Test
  void a_server_already_full_has_nothing_free_not_less_than_nothing() {
    ConnectionBudget full = new ConnectionBudget(20, 3, 30, 2);
    assertThat(full.free()).isZero();
    assertThat(full.shortfall(1, "1 client")).isPresent();
  }
}
