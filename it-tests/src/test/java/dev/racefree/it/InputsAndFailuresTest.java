package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.REDEMPTION_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.val;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.IdempotencyKey;
import dev.racefree.IssuedToken;
import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.exception.ConnectionLostException;
import dev.racefree.exception.ConnectionUnavailableException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.RacefreeException;
import dev.racefree.result.Expired;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inputs and failures that once slipped past racefree's promises: each is now refused before any
 * SQL with an {@link InvalidArgumentException} naming the argument, or classified, or returned
 * unchanged when it is the caller's own.
 */
@ExtendWith(PostgresExtension.class)
class InputsAndFailuresTest {

  /** Text no column should hold: blank in other scripts, NUL, lone surrogates. */
  private static final List<String> BAD_TEXT =
      List.of(
          "\u00A0", // no-break space
          "\u3000\u2003", // ideographic and em space
          " \t\u202F\n",
          "a\u0000b",
          "\uD800",
          "x\uDC00y",
          "\uDBFF");

  @Test
  void text_blank_in_any_script_with_nul_or_lone_surrogates_is_refused_naming_the_argument(
      Racefree rf, DSLContext dsl) {
    long id = rf.accounts().open("alice", "EUR");
    int accounts = dsl.fetchCount(ACCOUNTS);
    int tokens = dsl.fetchCount(REDEMPTION_TOKENS);
    IssuedToken token = rf.tokens().issue("invite", Instant.now().plusSeconds(60));
    for (String bad : BAD_TEXT) {
      refused(() -> rf.accounts().open(bad, "EUR"), "owner");
      refused(() -> rf.tokens().issue(bad, Instant.now().plusSeconds(60)), "purpose");
      refused(() -> rf.tokens().issue("invite", Instant.now().plusSeconds(60), bad), "issuedTo");
      refused(() -> rf.tokens().redeem(token.value(), bad), "redeemer");
      refused(() -> IdempotencyKey.of(bad, "k"), "scope");
      refused(() -> IdempotencyKey.of("s", bad), "key");
    }
    assertThat(dsl.fetchCount(ACCOUNTS)).isEqualTo(accounts);
    assertThat(dsl.fetchCount(REDEMPTION_TOKENS)).isEqualTo(tokens + 1);
    assertThat(rf.accounts().balance(id)).isZero();
    // Supplementary characters are text, not surrogates to refuse.
    assertThat(rf.accounts().open("\uD83D\uDE00 shop", "EUR")).isPositive();
  }

  @Test
  void a_checked_exception_from_the_callers_work_comes_back_as_itself(Racefree rf, DSLContext dsl) {
    long id = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(id, 10);
    IOException own = new IOException("the caller's own");
    assertThatThrownBy(() ->
            rf.accounts()
                .withLock(
                    id,
                    LockPolicy.waitIndefinitely(),
                    locked -> {
                      locked.debit(5);
                      throw InputsAndFailuresTest.<RuntimeException>sneaky(own);
                    }))
        .isSameAs(own);
    assertThatThrownBy(() ->
            rf.inTransaction(
                RetryPolicy.attempts(3),
                tx -> {
                  tx.accounts().debit(id, 5);
                  throw InputsAndFailuresTest.<RuntimeException>sneaky(own);
                }))
        .isSameAs(own);
    dsl.transaction(cfg -> { // inside a caller's transaction too (before jOOQ's own transaction
      // sees it)
      Throwable thrown = null;
      try {
        Racefree.using(cfg.dsl())
            .accounts()
            .withLock(
                id,
                LockPolicy.waitIndefinitely(),
                locked -> {
                  locked.debit(5);
                  throw InputsAndFailuresTest.<RuntimeException>sneaky(own);
                });
      } catch (Throwable t) {
        thrown = t;
      }
      assertThat(thrown).isSameAs(own);
    });
    assertThat(rf.accounts().balance(id)).isEqualTo(10); // all three rolled back
  }

  @Test
  void a_locked_account_used_after_its_work_or_after_its_connection_died_is_a_racefree_exception(
      Racefree rf, DSLContext dsl) {
    long id = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(id, 10);
    AtomicReference<dev.racefree.LockedAccount> kept = new AtomicReference<>();
    rf.accounts().withLock(id, LockPolicy.waitIndefinitely(), locked -> kept.getAndSet(locked));
    assertThatThrownBy(() -> kept.get().debit(1)).isInstanceOf(InvalidArgumentException.class);

    assertThatThrownBy(() ->
            rf.accounts()
                .withLock(
                    id,
                    LockPolicy.waitIndefinitely(),
                    locked -> {
                      int pid = locked.dsl().fetchValue(field("pg_backend_pid()", Integer.class));
                      dsl.select(function("pg_terminate_backend", Boolean.class, val(pid))).fetch();
                      return locked.debit(1);
                    }))
        .isInstanceOf(ConnectionLostException.class)
        .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SQLException.class));
    assertThat(rf.accounts().balance(id)).isEqualTo(10);
  }

  @Test
  void a_pool_that_gives_no_connection_in_time_is_always_connection_unavailable(
      DataSource dataSource, DSLContext dsl) throws Exception {
    long id = Racefree.using(dsl).accounts().open("alice", "EUR");
    HikariDataSource shared = (HikariDataSource) dataSource;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(shared.getJdbcUrl());
    config.setUsername(shared.getUsername());
    config.setPassword(shared.getPassword());
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(250);
    try (HikariDataSource tiny = new HikariDataSource(config)) {
      Racefree pooled = Racefree.using(DSL.using(tiny, SQLDialect.POSTGRES));
      try (Connection taken = tiny.getConnection()) { // the pool's only connection
        assertThat(taken.isValid(1)).isTrue();
        for (int i = 0; i < 3; i++) {
          assertThatThrownBy(() -> pooled.accounts().balance(id))
              .isInstanceOf(ConnectionUnavailableException.class)
              .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SQLException.class));
          assertThatThrownBy(() -> pooled.accounts().debit(id, 1))
              .isInstanceOf(ConnectionUnavailableException.class);
        }
      }
      assertThat(pooled.accounts().balance(id)).isZero(); // and nothing was applied
    }
  }

  @Test
  void a_token_in_a_long_caller_transaction_is_judged_by_the_statements_clock(
      Racefree rf, DSLContext dsl) {
    IssuedToken token = rf.tokens().issue("invite", Instant.now().plusSeconds(600));
    dsl.transaction(cfg -> {
      OffsetDateTime started =
          cfg.dsl().fetchValue(field("now()", OffsetDateTime.class)); // the transaction's
      // Another session moves the expiry to just after this transaction began.
      dsl.update(REDEMPTION_TOKENS)
          .set(REDEMPTION_TOKENS.EXPIRES_AT, started.plusNanos(1_000))
          .where(REDEMPTION_TOKENS.ID.eq(token.id()))
          .execute();
      assertThat(Racefree.using(cfg.dsl()).tokens().redeem(token.value(), "carol"))
          .isInstanceOf(Expired.class);
    });
  }

  private static void refused(ThrowingCallable call, String argument) {
    assertThatThrownBy(call)
        .isInstanceOf(InvalidArgumentException.class)
        .isInstanceOf(RacefreeException.class)
        .hasMessageStartingWith(argument + " ");
  }

  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
