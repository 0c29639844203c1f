package dev.racefree.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The mistakes the kit must catch, each beside its fix: read, check in Java, write, in one
 * transaction (READ COMMITTED, PostgreSQL's default).
 */
final class Naive {

  private final DataSource db;

  Naive(DataSource db) {
    this.db = db;
  }

  /** SELECT balance; if enough, UPDATE balance to the value read minus the amount. */
  boolean debit(long id, long amount) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      long balance;
      try (PreparedStatement read =
          c.prepareStatement("select balance from kit_accounts where id = ?")) {
        read.setLong(1, id);
        try (ResultSet rs = read.executeQuery()) {
          rs.next();
          balance = rs.getLong(1);
        }
      }
      boolean enough = balance >= amount;
      if (enough) {
        try (PreparedStatement write =
            c.prepareStatement("update kit_accounts set balance = ? where id = ?")) {
          write.setLong(1, balance - amount);
          write.setLong(2, id);
          write.executeUpdate();
        }
      }
      c.commit();
      return enough;
    }
  }

  /** The fix: one conditional UPDATE decides. */
  boolean debitConditionally(long id, long amount) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement write =
            c.prepareStatement(
                "update kit_accounts set balance = balance - ? where id = ? and balance >= ?")) {
      write.setLong(1, amount);
      write.setLong(2, id);
      write.setLong(3, amount);
      return write.executeUpdate() == 1;
    }
  }

  /**
   * A retry without an idempotency key: the conditional UPDATE in a transaction, sent again
   * whenever the connection fails, though a lost answer may hide a commit that happened.
   */
  boolean debitRetryingBlindly(long id, long amount) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = db.getConnection()) {
        c.setAutoCommit(false);
        int changed;
        try (PreparedStatement write =
            c.prepareStatement(
                "update kit_accounts set balance = balance - ? where id = ? and balance >= ?")) {
          write.setLong(1, amount);
          write.setLong(2, id);
          write.setLong(3, amount);
          changed = write.executeUpdate();
        }
        c.commit();
        return changed == 1;
      } catch (SQLException e) {
        boolean lost =
            e.getSQLState() != null
                && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P0"));
        if (!lost || attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** SELECT who redeemed it; if nobody, UPDATE it as redeemed by this customer. */
  boolean redeemCoupon(String code, String customer) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      boolean free;
      try (PreparedStatement read =
          c.prepareStatement("select redeemed_by from kit_coupons where code = ?")) {
        read.setString(1, code);
        try (ResultSet rs = read.executeQuery()) {
          free = rs.next() && rs.getString(1) == null;
        }
      }
      if (free) {
        try (PreparedStatement write =
            c.prepareStatement("update kit_coupons set redeemed_by = ? where code = ?")) {
          write.setString(1, customer);
          write.setString(2, code);
          write.executeUpdate();
        }
      }
      c.commit();
      return free;
    }
  }

  /** The fix: the UPDATE requires that nobody redeemed it. */
  boolean redeemCouponConditionally(String code, String customer) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement write =
            c.prepareStatement(
                "update kit_coupons set redeemed_by = ? where code = ? and redeemed_by is null")) {
      write.setString(1, customer);
      write.setString(2, code);
      return write.executeUpdate() == 1;
    }
  }

  /**
   * SELECT the seat's bookings; if none, INSERT one. Nothing in the database says one seat, one
   * booking.
   */
  boolean book(String seat, String customer) throws SQLException {
    return book(seat, customer, false);
  }

  /** The fix: lock the seat's row first (SELECT ... FOR UPDATE), then count and insert. */
  boolean bookLockingTheSeat(String seat, String customer) throws SQLException {
    return book(seat, customer, true);
  }

  private boolean book(String seat, String customer, boolean lock) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      if (lock) {
        try (PreparedStatement s =
            c.prepareStatement("select seat from kit_seats where seat = ? for update")) {
          s.setString(1, seat);
          s.executeQuery().close();
        }
      }
      long taken;
      try (PreparedStatement read =
          c.prepareStatement("select count(*) from kit_bookings where seat = ?")) {
        read.setString(1, seat);
        try (ResultSet rs = read.executeQuery()) {
          rs.next();
          taken = rs.getLong(1);
        }
      }
      if (taken == 0) {
        try (PreparedStatement write =
            c.prepareStatement("insert into kit_bookings (seat, customer) values (?, ?)")) {
          write.setString(1, seat);
          write.setString(2, customer);
          write.executeUpdate();
        }
      }
      c.commit();
      return taken == 0;
    }
  }

  /**
   * The JPA-style mistake: the request carries the version the client saw, but the code loads the
   * row and checks the version it just loaded (as a merge onto a freshly loaded entity does), so a
   * stale request overwrites a newer one.
   */
  boolean renameIgnoringVersion(long id, int requestVersion, String name) throws SQLException {
    return rename(id, requestVersion, name, false);
  }

  /** The fix: the UPDATE checks the version from the request. */
  boolean renameCheckingVersion(long id, int requestVersion, String name) throws SQLException {
    return rename(id, requestVersion, name, true);
  }

  private boolean rename(long id, int requestVersion, String name, boolean fromRequest)
      throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      int loaded;
      try (PreparedStatement read =
          c.prepareStatement("select version from kit_profiles where id = ?")) {
        read.setLong(1, id);
        try (ResultSet rs = read.executeQuery()) {
          rs.next();
          loaded = rs.getInt(1);
        }
      }
      int expected = fromRequest ? requestVersion : loaded;
      int changed;
      try (PreparedStatement write =
          c.prepareStatement(
              "update kit_profiles set name = ?, version = version + 1"
                  + " where id = ? and version = ?")) {
        write.setString(1, name);
        write.setLong(2, id);
        write.setInt(3, expected);
        changed = write.executeUpdate();
      }
      c.commit();
      return changed == 1;
    }
  }
}
