package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.IDEMPOTENCY_KEYS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.Credited;
import dev.racefree.result.CurrencyMismatch;
import dev.racefree.result.Debited;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.Transferred;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(PostgresExtension.class)
class IdempotencyTest {

  static final IdempotencyKey KEY = IdempotencyKey.of("checkout", "order-42");

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void concurrent_duplicates_execute_once_and_all_get_the_same_outcome(Isolation isolation)
      throws Exception {
    DSLContext dsl = TestDatabase.get().dsl(isolation);
    Racefree rf = Racefree.using(dsl);
    long a = rf.accounts().open("alice", "EUR");
    long b = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(a, 1_000);

    List<Object> outcomes = Race.run(32, (t, barrier) -> rf.accounts().transfer(a, b, 100, KEY));

    assertThat(outcomes).containsOnly(new Transferred(900, 100));
    assertThat(rf.accounts().balance(a)).isEqualTo(900);
    assertThat(dsl.fetchCount(LEDGER_ENTRIES, LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID.isNotNull()))
        .isEqualTo(2);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_replay_after_commit_returns_the_stored_outcome_and_writes_nothing(
      Racefree rf, DSLContext dsl) {
    long a = rf.accounts().open("alice", "EUR");
    assertThat(rf.accounts().credit(a, 500, KEY)).isEqualTo(new Credited(500));
    assertThat(rf.accounts().debit(a, 100)).isEqualTo(new Debited(400)); // the world moves on
    List<String> before = Rows.all(dsl);

    assertThat(rf.accounts().credit(a, 500, KEY)).isEqualTo(new Credited(500));
    assertThat(Rows.all(dsl)).isEqualTo(before);
  }

  @Test
  void a_replayed_rejection_stays_a_rejection_after_the_account_is_funded(Racefree rf) {
    long a = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(a, 10);
    assertThat(rf.accounts().debit(a, 50, KEY)).isEqualTo(new InsufficientFunds(10));

    rf.accounts().credit(a, 1_000);

    assertThat(rf.accounts().debit(a, 50, KEY)).isEqualTo(new InsufficientFunds(10));
    assertThat(rf.accounts().balance(a)).isEqualTo(1_010);
    assertThat(rf.accounts().debit(a, 50, IdempotencyKey.of("checkout", "order-43")))
        .isEqualTo(new Debited(960));
  }

  @Test
  void the_same_key_with_another_request_is_a_conflict_and_changes_nothing(
      Racefree rf, DSLContext dsl) {
    long a = rf.accounts().open("alice", "EUR");
    long b = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(a, 100, KEY);
    List<String> before = Rows.all(dsl);

    assertThatThrownBy(() -> rf.accounts().credit(a, 101, KEY))
        .isInstanceOf(IdempotencyConflictException.class)
        .hasMessageContaining("order-42");
    assertThatThrownBy(() -> rf.accounts().credit(b, 100, KEY))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThatThrownBy(() -> rf.accounts().debit(a, 100, KEY))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThatThrownBy(() -> rf.accounts().transfer(a, b, 100, KEY))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThat(Rows.all(dsl)).isEqualTo(before);
    // The same key in another scope is another key.
    assertThat(rf.accounts().credit(a, 1, IdempotencyKey.of("refunds", "order-42")))
        .isEqualTo(new Credited(101));
  }

  @Test
  void validation_failures_keep_no_key(Racefree rf, DSLContext dsl) {
    long eur = rf.accounts().open("alice", "EUR");
    long usd = rf.accounts().open("bob", "USD");
    List<String> before = Rows.all(dsl);

    assertThat(rf.accounts().transfer(eur, usd, 1, KEY))
        .isEqualTo(new CurrencyMismatch("EUR", "USD"));
    assertThat(rf.accounts().debit(424242, 1, KEY)).isEqualTo(new NoSuchAccount(424242));
    assertThat(Rows.all(dsl)).isEqualTo(before);
  }

  @Test
  void bad_keys_are_rejected_before_any_sql() {
    assertThatThrownBy(() -> IdempotencyKey.of("", "k"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("scope");
    assertThatThrownBy(() -> IdempotencyKey.of("s", ""))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("key");
    assertThatThrownBy(() -> IdempotencyKey.of("s".repeat(101), "k"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("scope");
    assertThatThrownBy(() -> IdempotencyKey.of("s", "k".repeat(201)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("key");
    assertThatThrownBy(() -> IdempotencyKey.of(null, "k"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("scope");
  }

  @Test
  void expired_keys_are_purged_and_an_expired_key_executes_again(Racefree rf, DSLContext dsl) {
    long a = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(a, 100, KEY);
    rf.accounts().credit(a, 5, IdempotencyKey.of("checkout", "fresh"));
    // Age the first key past its retention (test-only write; racefree never rewrites keys' time).
    dsl.update(IDEMPOTENCY_KEYS)
        .set(IDEMPOTENCY_KEYS.EXPIRES_AT, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))
        .where(IDEMPOTENCY_KEYS.KEY.eq(KEY.key()))
        .execute();

    assertThat(rf.accounts().credit(a, 100, KEY)).isEqualTo(new Credited(205)); // taken over as new
    dsl.update(IDEMPOTENCY_KEYS)
        .set(IDEMPOTENCY_KEYS.EXPIRES_AT, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))
        .where(IDEMPOTENCY_KEYS.KEY.eq(KEY.key()))
        .execute();
    assertThat(rf.purgeExpiredKeys()).isEqualTo(1);
    assertThat(dsl.fetchCount(IDEMPOTENCY_KEYS)).isEqualTo(1);
    assertThat(rf.verify().isClean()).isTrue(); // entries outlive their purged keys
  }
}
