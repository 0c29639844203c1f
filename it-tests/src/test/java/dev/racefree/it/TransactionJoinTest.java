package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.Debited;
import dev.racefree.LockPolicy;
import dev.racefree.LockResult;
import dev.racefree.Racefree;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Operations on a DSLContext that is inside a transaction join that transaction. */
@ExtendWith(PostgresExtension.class)
class TransactionJoinTest {

  @Test
  void a_rolled_back_caller_transaction_takes_racefree_work_with_it(Racefree rf, DSLContext dsl) {
    long id = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(id, 100);

    assertThatThrownBy(() -> dsl.transaction(cfg -> {
      Racefree inTx = Racefree.using(cfg.dsl());
      assertThat(inTx.accounts().debit(id, 40)).isEqualTo(new Debited(60));
      assertThat(inTx.accounts().withLock(id, LockPolicy.noWait(), a -> a.debit(10)))
          .isEqualTo(new LockResult.Acquired<>(new Debited(50)));
      inTx.tokens().issue("invite", java.time.Instant.now().plusSeconds(60));
      throw new IllegalStateException("caller changes its mind");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(rf.accounts().balance(id)).isEqualTo(100);
    assertThat(Rows.all(dsl)).noneMatch(r -> r.startsWith("redemption_tokens"));
  }

  @Test
  void a_committed_caller_transaction_keeps_it(Racefree rf, DSLContext dsl) {
    long id = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(id, 100);
    dsl.transaction(cfg -> Racefree.using(cfg.dsl()).accounts().debit(id, 30));
    assertThat(rf.accounts().balance(id)).isEqualTo(70);
  }
}
