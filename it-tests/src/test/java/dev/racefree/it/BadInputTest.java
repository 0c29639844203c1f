package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.UnknownAccountException;
import dev.racefree.result.LockResult;
import dev.racefree.result.NoSuchAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input gets a typed error that names the argument, and leaves the database as it was. */
@ExtendWith(PostgresExtension.class)
class BadInputTest {

  Racefree rf;
  DSLContext dsl;
  long id;
  List<String> before;

  @BeforeEach
  void seed(Racefree rf, DSLContext dsl) {
    this.rf = rf;
    this.dsl = dsl;
    id = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(id, 100);
    rf.tokens().issue("invite", Instant.now().plusSeconds(3600));
    before = Rows.all(dsl);
  }

  void rejected(ThrowingCallable call, Class<? extends RuntimeException> type, String argument) {
    assertThatThrownBy(call).isInstanceOf(type).hasMessageContaining(argument);
    assertThat(Rows.all(dsl)).isEqualTo(before);
  }

  @Test
  void zero_and_negative_amounts() {
    rejected(() -> rf.accounts().debit(id, 0), InvalidArgumentException.class, "amount");
    rejected(() -> rf.accounts().debit(id, -5), InvalidArgumentException.class, "amount");
    rejected(() -> rf.accounts().credit(id, 0), InvalidArgumentException.class, "amount");
    rejected(
        () -> rf.accounts().credit(id, Long.MIN_VALUE), InvalidArgumentException.class, "amount");
    rejected(
        () -> rf.accounts().withLock(id, LockPolicy.noWait(), a -> a.debit(-1)),
        InvalidArgumentException.class,
        "amount");
    rejected(
        () -> rf.accounts().update(rf.accounts().find(id).orElseThrow(), -1),
        InvalidArgumentException.class,
        "newBalance");
    rejected(
        () -> rf.accounts().modify(id, RetryPolicy.attempts(2), b -> b - 1_000),
        InvalidArgumentException.class,
        "computed balance");
  }

  @Test
  void overflowing_amounts() {
    rejected(
        () -> rf.accounts().credit(id, Long.MAX_VALUE), AmountOutOfRangeException.class, "amount");
    rejected(
        () -> rf.accounts().withLock(id, LockPolicy.noWait(), a -> a.credit(Long.MAX_VALUE)),
        AmountOutOfRangeException.class,
        "amount");
    // The overflow is caught in the WHERE clause, so a caller's transaction stays usable.
    long balance =
        dsl.transactionResult(cfg -> {
          Racefree inTx = Racefree.using(cfg.dsl());
          assertThatThrownBy(() -> inTx.accounts().credit(id, Long.MAX_VALUE))
              .isInstanceOf(AmountOutOfRangeException.class);
          return inTx.accounts().balance(id);
        });
    assertThat(balance).isEqualTo(100);
  }

  @Test
  void unknown_and_impossible_ids() {
    assertThat(rf.accounts().debit(id + 1, 1)).isEqualTo(new NoSuchAccount(id + 1));
    assertThat(rf.accounts().credit(id + 1, 1)).isEqualTo(new NoSuchAccount(id + 1));
    assertThat(rf.accounts().withLock(id + 1, LockPolicy.noWait(), a -> a))
        .isEqualTo(new LockResult.Missing<>(id + 1));
    assertThat(rf.accounts().find(id + 1)).isEmpty();
    rejected(
        () -> rf.accounts().balance(id + 1), UnknownAccountException.class, String.valueOf(id + 1));
    rejected(() -> rf.accounts().debit(0, 1), InvalidArgumentException.class, "id");
    rejected(() -> rf.accounts().balance(-1), InvalidArgumentException.class, "id");
  }

  @Test
  void nulls() {
    rejected(() -> rf.accounts().open(null, "EUR"), InvalidArgumentException.class, "owner");
    rejected(() -> rf.accounts().open("bob", null), InvalidArgumentException.class, "currency");
    rejected(
        () -> rf.accounts().withLock(id, null, a -> a), InvalidArgumentException.class, "policy");
    rejected(
        () -> rf.accounts().withLock(id, LockPolicy.noWait(), null),
        InvalidArgumentException.class,
        "work");
    rejected(() -> rf.accounts().update(null, 1), InvalidArgumentException.class, "read");
    rejected(
        () -> rf.accounts().modify(id, null, b -> b), InvalidArgumentException.class, "policy");
    rejected(
        () -> rf.tokens().issue(null, Instant.now()), InvalidArgumentException.class, "purpose");
    rejected(() -> rf.tokens().issue("invite", null), InvalidArgumentException.class, "expiresAt");
    rejected(
        () -> rf.tokens().issue("invite", Instant.now(), null),
        InvalidArgumentException.class,
        "issuedTo");
    rejected(() -> rf.tokens().redeem(null, "bob"), InvalidArgumentException.class, "value");
    rejected(
        () -> rf.tokens().redeem("A".repeat(43), null), InvalidArgumentException.class, "redeemer");
    rejected(() -> Racefree.using(null), InvalidArgumentException.class, "dsl");
    rejected(() -> LockPolicy.waitAtMost(null), InvalidArgumentException.class, "timeout");
  }

  @Test
  void bad_names_currencies_and_policies() {
    rejected(() -> rf.accounts().open(" ", "EUR"), InvalidArgumentException.class, "owner");
    rejected(
        () -> rf.accounts().open("x".repeat(201), "EUR"), InvalidArgumentException.class, "owner");
    rejected(() -> rf.accounts().open("bob", "eur"), InvalidArgumentException.class, "currency");
    rejected(() -> rf.accounts().open("bob", "ZZZ"), InvalidArgumentException.class, "currency");
    rejected(() -> rf.accounts().open("bob", "EURO"), InvalidArgumentException.class, "currency");
    rejected(() -> LockPolicy.waitAtMost(Duration.ZERO), InvalidArgumentException.class, "timeout");
    rejected(() -> RetryPolicy.attempts(0), InvalidArgumentException.class, "maxAttempts");
  }

  @Test
  void empty_oversized_and_malformed_tokens() {
    rejected(() -> rf.tokens().redeem("", "bob"), InvalidArgumentException.class, "value");
    rejected(
        () -> rf.tokens().redeem("A".repeat(44), "bob"), InvalidArgumentException.class, "value");
    rejected(
        () -> rf.tokens().redeem("A".repeat(1_000_000), "bob"),
        InvalidArgumentException.class,
        "value");
    rejected(
        () -> rf.tokens().redeem("A".repeat(42) + "=", "bob"),
        InvalidArgumentException.class,
        "value");
    rejected(
        () -> rf.tokens().redeem("A".repeat(42) + "'", "bob"),
        InvalidArgumentException.class,
        "value");
    rejected(
        () -> rf.tokens().redeem("A".repeat(43), ""), InvalidArgumentException.class, "redeemer");
  }
}
