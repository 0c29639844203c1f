package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.result.Debited;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control: the harness must be able to see a race. A naive read-modify-write, with every
 * thread's read forced before any write by the barrier, loses updates; the atomic debit, in the
 * same harness with the same forced interleaving, does not.
 */
@ExtendWith(PostgresExtension.class)
class NaiveControlTest {

  static final int THREADS = 32;

  @Test
  void naive_read_modify_write_loses_updates(Racefree rf, DSLContext dsl) throws Exception {
    long id = rf.accounts().open("naive", "EUR");
    rf.accounts().credit(id, 1_000);

    Race.run(
        THREADS,
        (t, barrier) -> {
          long read =
              dsl.select(ACCOUNTS.BALANCE)
                  .from(ACCOUNTS)
                  .where(ACCOUNTS.ID.eq(id))
                  .fetchSingle()
                  .value1();
          Race.together(barrier); // everyone has read; now everyone writes what it computed
          dsl.update(ACCOUNTS).set(ACCOUNTS.BALANCE, read - 1).where(ACCOUNTS.ID.eq(id)).execute();
          return null;
        });

    // 32 debits of 1 "succeeded", yet the balance moved by 1: 31 updates were lost.
    assertThat(rf.accounts().balance(id)).isEqualTo(999);
  }

  @Test
  void atomic_debit_in_the_same_harness_loses_none(Racefree rf, DSLContext dsl) throws Exception {
    long id = rf.accounts().open("atomic", "EUR");
    rf.accounts().credit(id, 1_000);

    Race.run(
        THREADS,
        (t, barrier) -> {
          dsl.select(ACCOUNTS.BALANCE).from(ACCOUNTS).where(ACCOUNTS.ID.eq(id)).fetchSingle();
          Race.together(barrier);
          assertThat(rf.accounts().debit(id, 1)).isInstanceOf(Debited.class);
          return null;
        });

    assertThat(rf.accounts().balance(id)).isEqualTo(1_000 - THREADS);
  }
}
