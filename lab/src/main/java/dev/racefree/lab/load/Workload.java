package dev.racefree.lab.load;

import org.jooq.DSLContext;

/** A set of the lab's accounts and how requests spread over them. */
@SuppressWarnings("ArrayRecordComponent") // ids are read by index per request, never changed
public record Workload(String name, long[] ids, AccountChoice choice) {

  public static Workload open(DSLContext admin, String name, int accounts, long balance) {
    return of(name, LabAccounts.open(admin, name, accounts, balance));
  }

  /** As {@link #open}, on a schema of version 10: {@link LabAccounts#openSingleSided}. */
  public static Workload openSingleSided(
      DSLContext admin, String name, int accounts, long balance) {
    return of(name, LabAccounts.openSingleSided(admin, name, accounts, balance));
  }

  private static Workload of(String name, long[] ids) {
    int accounts = ids.length;
    if (ids[ids.length - 1] - ids[0] + 1 != ids.length) {
      // pgbench picks ids with random(:lo, :hi), so the range must be exactly these accounts.
      throw new IllegalStateException(
          "the "
              + accounts
              + " accounts of "
              + name
              + " did not get consecutive ids (another writer opened accounts at the same time): run again");
    }
    return new Workload(name, ids, new AccountChoice(accounts, 0));
  }

  public long total(DSLContext admin) {
    return LabAccounts.total(admin, name, ids);
  }
}
