package dev.racefree.lab.baselines;

import dev.racefree.HotStatement;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The raw JDBC baseline: PreparedStatements with racefree's own SQL ({@code Racefree.statements()})
 * and the values racefree binds, doing what racefree does per request and nothing more. PgJDBC
 * switches to server-side prepared statements after a few uses on each connection, as it does for
 * racefree.
 */
public final class JdbcDebit {

  private JdbcDebit() {}

  /**
   * One autocommit statement, the debit CTE (conditional UPDATE and its ledger entry), as {@code
   * accounts().debit}.
   */
  public static Operation atomic(DataSource ds, List<HotStatement> statements, long amount) {
    Binder debit = new Binder(RacefreeSql.named(statements, RacefreeSql.DEBIT));
    return id -> {
      try (Connection c = ds.getConnection()) {
        return debit(c, debit, id, amount) ? Outcome.SUCCEEDED : Outcome.REJECTED;
      }
    };
  }

  /**
   * BEGIN; SELECT ... FOR UPDATE; the same debit CTE; COMMIT, as {@code withLock(id,
   * waitIndefinitely(), l -> l.debit(a))}, which checks the locked balance before it writes.
   */
  public static Operation pessimistic(DataSource ds, List<HotStatement> statements, long amount) {
    Binder lock = new Binder(RacefreeSql.named(statements, RacefreeSql.LOCK));
    Binder debit = new Binder(RacefreeSql.named(statements, RacefreeSql.DEBIT));
    return id -> {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          boolean debited = lock(c, lock, id, amount) >= amount && debit(c, debit, id, amount);
          c.commit();
          return debited ? Outcome.SUCCEEDED : Outcome.REJECTED;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      }
    };
  }

  /**
   * One autocommit statement that changes a balance by {@code amount} going {@code direction}, as
   * given (a baseline's own statement, such as {@link SingleSided}'s): succeeded when it returned a
   * row.
   */
  public static Operation change(
      DataSource ds, HotStatement statement, Direction direction, long amount) {
    Binder change = new Binder(statement, direction);
    return id -> {
      try (Connection c = ds.getConnection()) {
        return debit(c, change, id, amount) ? Outcome.SUCCEEDED : Outcome.REJECTED;
      }
    };
  }

  private static boolean debit(Connection c, Binder debit, long id, long amount)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(debit.sql())) {
      debit.bind(ps, id, amount);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The locked balance, or -1 when there is no such row. */
  private static long lock(Connection c, Binder lock, long id, long amount) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(lock.sql())) {
      lock.bind(ps, id, amount);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong("balance") : -1;
      }
    }
  }
}
