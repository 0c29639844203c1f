package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tests' pools fit the server they run on, whatever it allows; never the other way round. */
@ExtendWith(PostgresExtension.class)
class ConnectionBudgetTest {

  @Test
  void a_stock_server_gives_the_shared_and_serializable_pools_41_each_and_leaves_12_spare() {
    ConnectionBudget stock = new ConnectionBudget(100, 3, 0);
    assertThat(stock.free()).isEqualTo(97);
    assertThat(stock.poolSize()).isEqualTo(41);
    assertThat(stock.describe())
        .isEqualTo(
            "max_connections 100 - 3 reserved - 0 in use by others = 97 free;"
                + " pools: admin 3, shared 41, serializable 41; 12 left for tests' own"
                + " connections");
  }

  @Test
  void every_pool_together_with_the_headroom_fits_in_what_the_server_has_free() {
    TestDatabase db = TestDatabase.get();
    ConnectionBudget budget = db.budget;
    assertThat(db.admin.getMaximumPoolSize()).isEqualTo(ConnectionBudget.ADMIN_POOL);
    assertThat(db.dataSource.getMaximumPoolSize()).isEqualTo(budget.poolSize());
    assertThat(ConnectionBudget.ADMIN_POOL + 2 * budget.poolSize() + ConnectionBudget.HEADROOM)
        .as(budget.describe())
        .isLessThanOrEqualTo(budget.free());
  }

  @Test
  void the_budget_is_the_servers_own_settings_less_the_connections_others_hold(DataSource ds)
      throws Exception {
    TestDatabase db = TestDatabase.get();
    try (Connection reader = ds.getConnection();
        Connection other = ds.getConnection()) {
      assertThat(other.isValid(1)).isTrue();
      ConnectionBudget now = ConnectionBudget.read(DSL.using(reader, SQLDialect.POSTGRES));
      assertThat(now.maxConnections()).isEqualTo(db.budget.maxConnections());
      assertThat(now.reserved()).isEqualTo(db.budget.reserved());
      // The pools this JVM opened since (at least the admin pool's and {@code other}) are others
      // now, and PostgreSQL counts them against max_connections.
      assertThat(now.inUseByOthers())
          .isGreaterThanOrEqualTo(db.budget.inUseByOthers() + 2)
          .isLessThan(now.maxConnections());
      assertThat(now.free()).isLessThan(db.budget.free());
    }
  }

  @Test
  void a_test_that_needs_more_connections_at_once_than_a_pool_holds_fails_naming_both() {
    ConnectionBudget budget = TestDatabase.get().budget;
    int needed = budget.poolSize() + 1;
    assertThatThrownBy(() -> TestDatabase.requireAtOnce(needed, "the racers"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "the racers need "
                + needed
                + " connections open at once; a test pool holds "
                + budget.poolSize())
        .hasMessageContaining("max_connections " + budget.maxConnections() + " - ");
    TestDatabase.requireAtOnce(budget.poolSize(), "as many as a pool holds"); // fits: no failure
  }
}
