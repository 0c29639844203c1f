package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.result.Debited;
import dev.racefree.result.LockResult;
import dev.racefree.result.Transferred;
import java.sql.Connection;
import java.time.Instant;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Operations on a DSLContext that is inside a transaction join that transaction. */
@ExtendWith(PostgresExtension.class)
class TransactionJoinTest {

  @Test
  void a_rolled_back_caller_transaction_takes_racefree_work_with_it(Racefree rf, DSLContext dsl) {
    long id = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(id, 100);

    assertThatThrownBy(() ->
            dsl.transaction(cfg -> {
              Racefree inTx = Racefree.using(cfg.dsl());
              assertThat(inTx.accounts().debit(id, 40)).isEqualTo(new Debited(60));
              assertThat(inTx.accounts().withLock(id, LockPolicy.noWait(), a -> a.debit(10)))
                  .isEqualTo(new LockResult.Acquired<>(new Debited(50)));
              inTx.tokens().issue("invite", Instant.now().plusSeconds(60));
              throw new IllegalStateException("caller changes its mind");
            }))
        .isInstanceOf(IllegalStateException.class);

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

  @Test
  void a_nested_transaction_inside_with_lock_is_a_savepoint(Racefree rf) {
    long id = rf.accounts().open("carol", "EUR");
    rf.accounts().credit(id, 100);

    rf.accounts()
        .withLock(
            id,
            LockPolicy.waitIndefinitely(),
            locked -> {
              locked.debit(10);
              assertThatThrownBy(() ->
                      locked
                          .dsl()
                          .transaction(inner -> {
                            Racefree.using(inner.dsl()).accounts().debit(id, 50);
                            throw new IllegalStateException("inner changes its mind");
                          }))
                  .isInstanceOf(IllegalStateException.class);
              return locked.debit(5);
            });

    assertThat(rf.accounts().balance(id)).isEqualTo(85); // the inner 50 rolled back alone
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_plain_jdbc_transaction_is_joined_too(Racefree rf, DataSource dataSource) throws Exception {
    long id = rf.accounts().open("dave", "EUR");
    rf.accounts().credit(id, 100);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false); // as a Spring or hand-rolled JDBC transaction would
      Racefree inTx = Racefree.using(DSL.using(c, SQLDialect.POSTGRES));
      assertThat(inTx.accounts().transfer(id, rf.accounts().open("erin", "EUR"), 30))
          .isInstanceOf(Transferred.class);
      assertThat(inTx.accounts().withLock(id, LockPolicy.noWait(), a -> a.debit(20)))
          .isEqualTo(new LockResult.Acquired<>(new Debited(50)));
      c.rollback();
    }
    assertThat(rf.accounts().balance(id)).isEqualTo(100);
  }
}
