package dev.racefree.test;

import dev.racefree.AuditReport;
import dev.racefree.Racefree;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Ready invariants, for bursts and for every schedule of an interleaving. */
public final class Invariants {

  private Invariants() {}

  /** {@code rf.verify()} finds nothing: balances, holds, bounds, postings, chains, codes. */
  public static Invariant racefreeClean(Racefree rf) {
    Objects.requireNonNull(rf, "rf can not be null");
    return outcomes -> {
      AuditReport report = rf.verify();
      if (!report.isClean()) {
        throw new AssertionError("rf.verify() is not clean: " + report);
      }
    };
  }

  /**
   * Money is conserved per currency in racefree's books: every currency's accounts, the external
   * ones included (whose balances are derived from the postings against them), sum to zero, as
   * {@code rf.verify()} computes it; money neither appeared nor vanished.
   */
  public static Invariant moneyConservedPerCurrency(Racefree rf) {
    Objects.requireNonNull(rf, "rf can not be null");
    return outcomes -> {
      List<AuditReport.UnbalancedCurrency> unbalanced = rf.verify().unbalancedCurrencies();
      if (!unbalanced.isEmpty()) {
        throw new AssertionError("money not conserved: " + unbalanced);
      }
    };
  }

  /**
   * What {@code sql} returns, rows of a key and a total (a currency and a sum, say), is after the
   * race what it was before: for a team's own tables, where money moves between accounts and must
   * not appear or vanish.
   */
  public static Invariant conserved(DataSource dataSource, String sql) {
    Objects.requireNonNull(dataSource, "dataSource can not be null");
    Objects.requireNonNull(sql, "sql can not be null");
    return new Invariant() {
      private Map<String, @Nullable String> before = Map.of();

      @Override
      public void before() throws SQLException {
        before = totals(dataSource, sql);
      }

      @Override
      public void check(Outcomes<?> outcomes) throws SQLException {
        Map<String, @Nullable String> after = totals(dataSource, sql);
        if (!after.equals(before)) {
          throw new AssertionError("not conserved: before " + before + ", after " + after);
        }
      }
    };
  }

  /** {@code sql} returns no row: a query for what must never be ({@code having count(*) > 1}). */
  public static Invariant noRows(DataSource dataSource, String sql) {
    Objects.requireNonNull(dataSource, "dataSource can not be null");
    Objects.requireNonNull(sql, "sql can not be null");
    return outcomes -> {
      List<String> rows = rows(dataSource, sql);
      if (!rows.isEmpty()) {
        throw new AssertionError("expected no rows from " + sql + ", got " + rows);
      }
    };
  }

  /** At most one call returned a value {@code success} accepts. */
  public static Invariant atMostOneSuccess(Predicate<@Nullable Object> success) {
    return atMostOneSuccessPerKey(success, v -> "");
  }

  /**
   * Of the calls whose value {@code success} accepts, at most one per {@code key} of that value: a
   * token, a code, an idempotency key, a seat.
   */
  public static Invariant atMostOneSuccessPerKey(
      Predicate<@Nullable Object> success, Function<@Nullable Object, ?> key) {
    Objects.requireNonNull(success, "success can not be null");
    Objects.requireNonNull(key, "key can not be null");
    return outcomes -> {
      Map<Object, Integer> counts = new HashMap<>();
      for (Object value : outcomes.values()) {
        if (success.test(value)) {
          counts.merge(
              Objects.requireNonNull(key.apply(value), "a key can not be null"), 1, Integer::sum);
        }
      }
      counts.forEach((k, n) -> {
        if (n > 1) {
          throw new AssertionError(
              n
                  + " successes"
                  + ("".equals(k) ? "" : " for " + k)
                  + ", at most one allowed: "
                  + outcomes);
        }
      });
    };
  }

  private static Map<String, @Nullable String> totals(DataSource dataSource, String sql)
      throws SQLException {
    Map<String, @Nullable String> totals = new TreeMap<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        totals.put(String.valueOf(rs.getString(1)), rs.getString(2));
      }
    }
    return totals;
  }

  private static List<String> rows(DataSource dataSource, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<@Nullable String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
