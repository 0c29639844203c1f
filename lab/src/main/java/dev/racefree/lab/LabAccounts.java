package dev.racefree.lab;

import static dev.racefree.schema.Tables.ACCOUNTS;
import static org.jooq.impl.DSL.generateSeries;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import java.math.BigDecimal;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * The lab's own accounts: opened in one statement (a hundred thousand {@code open} calls would
 * take a minute with fsync on), each with its starting balance, owned by {@code lab:<name>}. Ids
 * come back sorted; the lab reads them back by id range and owner.
 */
final class LabAccounts {

  static final String CURRENCY = "EUR";

  private LabAccounts() {}

  static long[] open(DSLContext dsl, String name, int count, long balance) {
    return dsl.insertInto(ACCOUNTS, ACCOUNTS.OWNER, ACCOUNTS.CURRENCY, ACCOUNTS.BALANCE)
        .select(select(val(owner(name)), val(CURRENCY), val(balance)).from(generateSeries(1, count)))
        .returningResult(ACCOUNTS.ID)
        .fetch(Record1::value1)
        .stream().mapToLong(Long::longValue).sorted().toArray();
  }

  static String owner(String name) {
    return "lab:" + name;
  }

  /** Balances in the order of {@code ids}. */
  static long[] balances(DSLContext dsl, String name, long[] ids) {
    Map<Long, Long> byId = dsl.select(ACCOUNTS.ID, ACCOUNTS.BALANCE).from(ACCOUNTS)
        .where(ACCOUNTS.ID.between(ids[0], ids[ids.length - 1]).and(ACCOUNTS.OWNER.eq(owner(name))))
        .fetchMap(ACCOUNTS.ID, ACCOUNTS.BALANCE);
    long[] balances = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      Long b = byId.get(ids[i]);
      if (b == null) {
        throw new IllegalStateException("the lab's account " + ids[i] + " vanished");
      }
      balances[i] = b;
    }
    return balances;
  }

  /** The sum of the balances, computed by the server. */
  static long total(DSLContext dsl, String name, long[] ids) {
    BigDecimal total = dsl.select(sum(ACCOUNTS.BALANCE)).from(ACCOUNTS)
        .where(ACCOUNTS.ID.between(ids[0], ids[ids.length - 1]).and(ACCOUNTS.OWNER.eq(owner(name))))
        .fetchSingle(Record1::value1);
    return total.longValueExact();
  }
}
