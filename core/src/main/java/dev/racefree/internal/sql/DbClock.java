package dev.racefree.internal.sql;

import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.systemName;

import java.time.OffsetDateTime;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/**
 * The database's clock as racefree reads it: {@code statement_timestamp()}, the start of the
 * current statement. Not {@code now()}, which is the start of the transaction: inside a long caller
 * transaction that would judge expiries by a time long past.
 */
public final class DbClock {

  public static final Field<OffsetDateTime> NOW =
      function(systemName("statement_timestamp"), SQLDataType.TIMESTAMPWITHTIMEZONE);

  private DbClock() {}
}
