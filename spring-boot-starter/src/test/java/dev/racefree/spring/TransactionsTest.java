package dev.racefree.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.Account;
import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.exception.ConstraintViolationException;
import dev.racefree.exception.NestedTransactionException;
import dev.racefree.result.Debited;
import dev.racefree.result.Held;
import dev.racefree.result.Retried;
import dev.racefree.result.Transferred;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Racefree bean under Spring's transaction management, HikariCP at Boot's defaults. */
@SpringBootTest(classes = TestApp.class)
class TransactionsTest {

  static final String DB = "transactions";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.register(registry, DB);
  }

  @Autowired Racefree rf;
  @Autowired TestApp.Tills tills;
  @Autowired RetryPolicy retryPolicy;

  private long funded(long amount) {
    long id = rf.accounts().open("spring", "EUR");
    if (amount > 0) {
      rf.accounts().credit(id, amount);
    }
    return id;
  }

  private static long committedBalance(long id) {
    return TestPostgres.queryLong(DB, "SELECT balance FROM racefree.accounts WHERE id = ?", id);
  }

  private static long committedEntries(long id) {
    return TestPostgres.queryLong(
        DB, "SELECT count(*) FROM racefree.ledger_entries WHERE account_id = ?", id);
  }

  @Test
  void inside_transactional_racefree_joins_and_commits_with_the_caller() {
    long id = funded(100);
    long seenInside =
        tills.inTransaction(() -> {
          assertThat(rf.accounts().debit(id, 30)).isEqualTo(new Debited(70));
          assertThat(rf.accounts().balance(id)).isEqualTo(70); // its own transaction sees it
          return committedBalance(id); // nobody else does yet
        });
    assertThat(seenInside).isEqualTo(100);
    assertThat(committedBalance(id)).isEqualTo(70);
    assertThat(committedEntries(id)).isEqualTo(2);
  }

  @Test
  void a_rollback_of_transactional_undoes_every_racefree_write() {
    long from = funded(100);
    long to = funded(0);
    IdempotencyKey key = IdempotencyKey.of("spring", "rollback-" + from);
    assertThatThrownBy(() ->
            tills.failingAfter(() -> {
              assertThat(rf.accounts().debit(from, 10, key)).isEqualTo(new Debited(90));
              assertThat(rf.accounts().transfer(from, to, 20)).isEqualTo(new Transferred(70, 20));
              assertThat(rf.holds().hold(from, 5, Instant.now().plus(Duration.ofHours(1))))
                  .isInstanceOf(Held.class);
            }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(committedBalance(from)).isEqualTo(100);
    assertThat(committedBalance(to)).isZero();
    assertThat(committedEntries(from)).isEqualTo(1); // the credit that funded it
    assertThat(committedEntries(to)).isZero();
    assertThat(
            TestPostgres.queryLong(
                DB, "SELECT count(*) FROM racefree.holds WHERE account_id = ?", from))
        .isZero();
    // The key went with the rollback: the same key executes now, once.
    assertThat(rf.accounts().debit(from, 10, key)).isEqualTo(new Debited(90));
    assertThat(rf.accounts().debit(from, 10, key)).isEqualTo(new Debited(90));
    assertThat(committedBalance(from)).isEqualTo(90);
  }

  @Test
  void outside_a_transaction_each_operation_commits_by_itself() {
    long id = funded(100);
    assertThat(rf.accounts().debit(id, 40)).isEqualTo(new Debited(60));
    assertThat(committedBalance(id)).isEqualTo(60);
    assertThat(committedEntries(id)).isEqualTo(2);
  }

  @Test
  void inTransaction_inside_transactional_refuses_and_runs_outside() {
    long id = funded(100);
    assertThatThrownBy(() ->
            tills.inTransaction(
                () -> rf.inTransaction(retryPolicy, tx -> tx.accounts().debit(id, 1))))
        .isInstanceOf(NestedTransactionException.class);
    assertThat(committedBalance(id)).isEqualTo(100);

    Retried<?> outside = rf.inTransaction(retryPolicy, tx -> tx.accounts().debit(id, 1));
    assertThat(outside.value()).isEqualTo(new Debited(99));
    assertThat(committedBalance(id)).isEqualTo(99);
  }

  @Test
  void database_failures_are_racefree_exceptions_not_springs_translations() {
    long id = funded(100);
    rf.holds().hold(id, 80, Instant.now().plus(Duration.ofHours(1)));
    Account read = rf.accounts().find(id).orElseThrow();
    // balance 10 with 80 held breaks the CHECK constraint: SQLState 23514
    assertThatThrownBy(() -> rf.accounts().update(read, 10))
        .isInstanceOf(ConstraintViolationException.class);
    assertThatThrownBy(() -> tills.inTransaction(() -> rf.accounts().update(read, 10)))
        .isInstanceOf(ConstraintViolationException.class);
    assertThat(committedBalance(id)).isEqualTo(100);
  }

  @Test
  void racefree_migrations_ran_at_start_up_before_the_applications_own_flyway() {
    assertThat(
            TestPostgres.queryLong(
                DB, "SELECT count(*) FROM racefree.flyway_schema_history WHERE success"))
        .isGreaterThanOrEqualTo(9);
    // The application's V1 refers to racefree.accounts: it could only run after racefree's.
    assertThat(
            TestPostgres.queryLong(
                DB, "SELECT count(*) FROM public.flyway_schema_history WHERE success"))
        .isEqualTo(1);
    long id = funded(0);
    assertThat(
            TestPostgres.queryLong(
                DB,
                "WITH o AS (INSERT INTO public.orders (account_id) VALUES (?) RETURNING id)"
                    + " SELECT count(*) FROM o",
                id))
        .isEqualTo(1);
  }
}
