package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.NestedTransactionException;
import dev.racefree.exception.TooManyRetriesException;
import dev.racefree.result.Retried;
import java.util.concurrent.CountDownLatch;
import org.jooq.DSLContext;
import org.jooq.Isolation;
import org.jooq.TransactionProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * racefree's own transactions end exactly once: a failed COMMIT is not rolled back again, the
 * connection goes back to the pool once, and transaction properties are honoured or refused.
 */
@ExtendWith(PostgresExtension.class)
class OwnTransactionTest {

  /**
   * Write skew under SERIALIZABLE: each transaction reads both balances, waits until the other has
   * read them too, and debits the other account by 60 if the two still hold 150 together. SSI must
   * abort one of the two (40001, at its write or at its COMMIT); its retry sees the other's debit
   * and does nothing. Without the retry, or with both committed, the total would not be 140.
   */
  @Test
  void a_serialization_failure_is_retried_and_leaves_no_connection_behind() throws Exception {
    TestDatabase db = TestDatabase.get();
    Racefree rf = Racefree.using(db.dsl(dev.racefree.it.Isolation.SERIALIZABLE));
    long a = rf.accounts().open("a", "EUR");
    long b = rf.accounts().open("b", "EUR");
    rf.accounts().credit(a, 100);
    rf.accounts().credit(b, 100);
    CountDownLatch bothRead = new CountDownLatch(2);
    RetryPolicy policy = RetryPolicy.attempts(10);

    var results =
        Race.run(
            2,
            (t, start) ->
                rf.inTransaction(
                    policy,
                    tx -> {
                      long mine = t == 0 ? a : b;
                      long other = t == 0 ? b : a;
                      long total = tx.accounts().balance(mine) + tx.accounts().balance(other);
                      bothRead.countDown();
                      Latches.await(bothRead); // open for good once both first attempts have read
                      return total >= 150 ? tx.accounts().debit(other, 60) : null;
                    }));

    int attempts = results.stream().mapToInt(r -> ((Retried<?>) r).attempts()).sum();
    assertThat(attempts)
        .as("one of the two lost a serialization race and ran again")
        .isGreaterThan(2);
    assertThat(rf.accounts().balance(a) + rf.accounts().balance(b)).isEqualTo(140);
    assertThat(db.activeConnections()).isZero();
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void in_transaction_inside_a_callers_transaction_is_refused(DSLContext dsl) {
    dsl.transaction(cfg ->
        assertThatThrownBy(
                () -> Racefree.using(cfg.dsl()).inTransaction(RetryPolicy.attempts(3), rf -> 1))
            .isInstanceOf(NestedTransactionException.class));
  }

  @Test
  void transaction_properties_inside_racefrees_transaction_are_refused_not_dropped(Racefree rf) {
    long id = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(id, 10);
    TransactionProperty serializable = Isolation.SERIALIZABLE;
    rf.accounts()
        .withLock(
            id,
            LockPolicy.waitIndefinitely(),
            locked -> {
              assertThatThrownBy(() -> locked.dsl().transaction(inner -> {}, serializable))
                  .isInstanceOf(InvalidArgumentException.class)
                  .hasMessageContaining("can not be honoured");
              return locked.debit(1);
            });
    assertThat(rf.accounts().balance(id)).isEqualTo(9);
  }

  @Test
  void work_that_always_fails_to_serialise_gives_up_after_the_policys_attempts(Racefree rf) {
    RetryPolicy twice = RetryPolicy.attempts(2);
    int[] runs = {0};
    assertThatThrownBy(() ->
            rf.inTransaction(
                twice,
                tx -> {
                  runs[0]++;
                  throw new org.jooq.exception.DataAccessException(
                      "forced", new java.sql.SQLException("could not serialize access", "40001"));
                }))
        .isInstanceOf(TooManyRetriesException.class);
    assertThat(runs[0]).isEqualTo(2);
  }
}
