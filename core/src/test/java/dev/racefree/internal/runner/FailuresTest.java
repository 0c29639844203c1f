package dev.racefree.internal.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.exception.DatabaseException;
import dev.racefree.exception.RacefreeException;
import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SQLState, not the driver's exception class, decides what a failure is. */
public class FailuresTest {

  @ParameterizedTest
  @CsvSource({
    "23505, ConstraintViolationException",
    "23514, ConstraintViolationException",
    "22003, AmountOutOfRangeException",
    "22023, InvalidArgumentException",
    "40001, SerializationFailureException",
    "40P01, DeadlockDetectedException",
    "55P03, LockNotAvailableException",
    "57014, StatementTimeoutException",
    "57P01, ConnectionLostException",
    "08006, ConnectionLostException",
    "42P01, DatabaseException",
  })
  public void each_sqlstate_maps_to_its_type(String state, String type) {
    SQLException driver = new SQLException("server said no", state);
    DataAccessException e = new DataAccessException("boom", driver);
    RacefreeException classified = Failures.classify(e);
    assertThat(classified.getClass().getSimpleName()).isEqualTo(type);
    assertThat(classified.sqlState()).isEqualTo(state);
    assertThat(classified).hasMessage("server said no").hasCause(driver); // the driver's, unwrapped
  }

  @Test
  public void
      no_connection_from_a_pool_or_a_connect_is_connection_unavailable_whatever_the_state() {
    for (String state : java.util.Arrays.asList(null, "08001", "08006")) {
      SQLException timeout =
          new java.sql.SQLTransientConnectionException("pool: no connection in 250 ms", state);
      RacefreeException classified = Failures.classify(new DataAccessException("x", timeout));
      assertThat(classified)
          .isInstanceOf(dev.racefree.exception.ConnectionUnavailableException.class)
          .hasCause(timeout);
    }
  }

  @Test
  public void a_failure_without_sqlstate_is_a_database_exception() {
    RacefreeException classified = Failures.classify(new DataAccessException("no state"));
    assertThat(classified).isInstanceOf(DatabaseException.class);
    assertThat(classified.sqlState()).isNull();
  }

  @Test
  public void a_broken_connection_without_sqlstate_is_connection_lost() {
    for (SQLException broken :
        java.util.List.of(
            new java.sql.SQLRecoverableException("socket closed"),
            new java.sql.SQLNonTransientConnectionException("connection reset"))) {
      RacefreeException classified = Failures.classify(new DataAccessException("x", broken));
      assertThat(classified)
          .isInstanceOf(dev.racefree.exception.ConnectionLostException.class)
          .hasCause(broken);
      assertThat(classified.sqlState()).isNull();
    }
  }
}
