package dev.racefree.it.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.Racefree;
import dev.racefree.it.PostgresExtension;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The transactions page's examples: joining a jOOQ transaction, and saying whose it is. */
@ExtendWith(PostgresExtension.class)
class TransactionsSnippetTest {

  @Test
  void racefree_joins_the_callers_jooq_transaction_and_rolls_back_with_it(DSLContext dsl) {
    Racefree rf = Racefree.using(dsl);
    long alice = rf.accounts().open("alice", "EUR");
    long bob = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(alice, 1_000);

    // tag::join[]
    dsl.transaction(cfg -> {
      Racefree tx = Racefree.using(cfg.dsl()); // joins: commits or rolls back with the rest
      tx.accounts().debit(alice, 100);
      tx.accounts().credit(bob, 100);
    });
    // end::join[]
    assertThatThrownBy(() ->
            dsl.transaction(cfg -> {
              Racefree.using(cfg.dsl()).accounts().debit(alice, 100);
              throw new IllegalStateException("the caller's work fails");
            }))
        .hasMessageContaining("the caller's work fails");

    assertThat(rf.accounts().balance(alice)).isEqualTo(900);
    assertThat(rf.accounts().balance(bob)).isEqualTo(100);
  }

  @Test
  void told_that_no_caller_transaction_is_active_each_operation_commits_its_own(DSLContext dsl) {
    // tag::caller-transaction[]
    // A pool that hands out connections with auto-commit off, where you never open transactions
    // yourself: say so, and every racefree operation commits its own.
    Racefree rf = Racefree.using(dsl, () -> false);
    // Under Spring: Racefree.using(dsl,
    // TransactionSynchronizationManager::isActualTransactionActive)
    // end::caller-transaction[]
    long id = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(id, 100);
    assertThat(Racefree.using(dsl).accounts().balance(id)).isEqualTo(100);
  }
}
