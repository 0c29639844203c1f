package dev.racefree.internal.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

/** The first row a hot statement returned, read by column position (1-based), from JDBC or jOOQ. */
public interface Columns {

  public long getLong(int column) throws SQLException;

  public String getString(int column) throws SQLException;

  /** The column as a long, or {@code null} when it is SQL NULL. */
  public @Nullable Long getNullableLong(int column) throws SQLException;

  /** Reads a statement's row into a value. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(Columns row) throws SQLException;
  }

  public static Columns of(ResultSet rs) {
    return new Columns() {
      @Override
      public long getLong(int column) throws SQLException {
        return rs.getLong(column);
      }

      @Override
      public String getString(int column) throws SQLException {
        return rs.getString(column);
      }

      @Override
      public @Nullable Long getNullableLong(int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
      }
    };
  }

  public static Columns of(Record record) {
    return new Columns() {
      @Override
      public long getLong(int column) {
        return record.get(column - 1, Long.class);
      }

      @Override
      public String getString(int column) {
        return record.get(column - 1, String.class);
      }

      @Override
      public @Nullable Long getNullableLong(int column) {
        return record.get(column - 1, Long.class);
      }
    };
  }
}
