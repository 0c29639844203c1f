package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.STORED_RESPONSES;
import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.StoredResponse;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.NoCallerTransactionException;
import dev.racefree.it.Recorder.Event;
import dev.racefree.result.Debited;
import dev.racefree.result.ResponseClaim;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stored HTTP responses: the claim, the handler's writes and the response commit together in the
 * caller's transaction, and duplicates wait for the first on the key's unique index.
 */
@ExtendWith(PostgresExtension.class)
class ResponsesTest {

  private static final IdempotencyKey KEY = IdempotencyKey.of("http", "order-42");
  private static final byte[] REQUEST = "POST /orders {\"qty\":1}".getBytes(StandardCharsets.UTF_8);
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Work in a transaction of the caller's own: plain JDBC, auto-commit off. */
  interface InTransaction<T> {
    T run(Racefree rf, Connection c) throws Exception;
  }

  /** Runs {@code work} in its own transaction on its own connection, and commits it. */
  private static <T> T committed(DataSource ds, InTransaction<T> work) throws Exception {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(Racefree.using(DSL.using(c, SQLDialect.POSTGRES)), c);
        c.commit();
        return result;
      } catch (Exception | Error e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static StoredResponse created(String body) {
    return new StoredResponse(201, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void of_32_concurrent_duplicates_one_runs_and_all_answer_with_its_bytes(
      Racefree rf, DSLContext dsl, DataSource ds) throws Exception {
    int threads = 32;
    // Every duplicate holds its connection while it waits for the claimer, who counts them.
    TestDatabase.requireAtOnce(
        threads + 1, "32 duplicates waiting in their transactions and the watcher");
    long a = funded(rf, 1_000);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<ResponseClaim> claims;
    try {
      List<Future<ResponseClaim>> futures =
          IntStream.range(0, threads)
              .mapToObj(i ->
                  pool.submit(() ->
                      committed(
                          ds,
                          (tx, c) -> {
                            Latches.await(go);
                            ResponseClaim claim = tx.responses().claim(KEY, REQUEST, WAIT);
                            if (claim instanceof ResponseClaim.Claimed claimed) {
                              Debited debited = (Debited) tx.accounts().debit(a, 10);
                              // Every other duplicate is provably waiting for this transaction.
                              Blocked.awaitWaiters(dsl, threads - 1, Duration.ofSeconds(60));
                              tx.responses()
                                  .complete(
                                      claimed, created("{\"balance\":" + debited.balance() + "}"));
                            }
                            return claim;
                          })))
              .toList();
      go.countDown();
      claims = new ArrayList<>();
      for (Future<ResponseClaim> f : futures) {
        claims.add(f.get(120, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(claims).filteredOn(ResponseClaim.Claimed.class::isInstance).hasSize(1);
    assertThat(claims).filteredOn(ResponseClaim.Replay.class::isInstance).hasSize(threads - 1);
    assertThat(claims)
        .filteredOn(ResponseClaim.Replay.class::isInstance)
        .extracting(c -> ((ResponseClaim.Replay) c).response())
        .containsOnly(created("{\"balance\":990}"));
    assertThat(rf.accounts().balance(a)).isEqualTo(990);
    assertThat(dsl.fetchCount(STORED_RESPONSES)).isEqualTo(1);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_rollback_after_the_claim_gives_the_key_up_and_moves_no_money(Racefree rf, DataSource ds)
      throws Exception {
    long a = funded(rf, 100);
    assertThatThrownBy(() ->
            committed(
                ds,
                (tx, c) -> {
                  assertThat(tx.responses().claim(KEY, REQUEST, WAIT))
                      .isInstanceOf(ResponseClaim.Claimed.class);
                  tx.accounts().debit(a, 30);
                  throw new IllegalStateException("the handler failed");
                }))
        .hasMessage("the handler failed");
    assertThat(rf.accounts().balance(a)).isEqualTo(100);

    ResponseClaim again =
        committed(
            ds,
            (tx, c) -> {
              ResponseClaim claim = tx.responses().claim(KEY, REQUEST, WAIT);
              tx.accounts().debit(a, 30);
              tx.responses().complete((ResponseClaim.Claimed) claim, created("{}"));
              return claim;
            });
    assertThat(again).isInstanceOf(ResponseClaim.Claimed.class);
    assertThat(rf.accounts().balance(a)).isEqualTo(70);
  }

  @Test
  void the_same_key_for_another_request_is_key_reused(DataSource ds) throws Exception {
    committed(ds, (tx, c) -> completed(tx, REQUEST, created("{}")));
    assertThat(claimIn(ds, "other".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new ResponseClaim.KeyReused(KEY));
    assertThat(claimIn(ds, REQUEST)).isEqualTo(new ResponseClaim.Replay(created("{}")));
  }

  @Test
  void a_key_held_past_the_wait_is_in_flight_and_the_waiters_transaction_stays_usable(
      Racefree rf, DataSource ds) throws Exception {
    long a = funded(rf, 100);
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<ResponseClaim> holder =
          pool.submit(() ->
              committed(
                  ds,
                  (tx, c) -> {
                    ResponseClaim claim = tx.responses().claim(KEY, REQUEST, WAIT);
                    claimed.countDown();
                    Latches.await(release); // keeps its transaction open
                    tx.responses().complete((ResponseClaim.Claimed) claim, created("{\"n\":1}"));
                    return claim;
                  }));
      Latches.await(claimed);
      Debited debited =
          committed(
              ds,
              (tx, c) -> {
                assertThat(tx.responses().claim(KEY, REQUEST, Duration.ofMillis(200)))
                    .isEqualTo(new ResponseClaim.InFlight(KEY));
                return (Debited) tx.accounts().debit(a, 5); // the transaction goes on
              });
      assertThat(debited).isEqualTo(new Debited(95));
      release.countDown();
      assertThat(holder.get(30, TimeUnit.SECONDS)).isInstanceOf(ResponseClaim.Claimed.class);
    } finally {
      release.countDown();
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(rf.accounts().balance(a)).isEqualTo(95);
    assertThat(claimIn(ds, REQUEST)).isEqualTo(new ResponseClaim.Replay(created("{\"n\":1}")));
  }

  @Test
  void a_second_claim_in_the_claiming_transaction_is_in_flight_and_completing_twice_is_refused(
      DataSource ds) throws Exception {
    committed(
        ds,
        (tx, c) -> {
          ResponseClaim.Claimed claim =
              (ResponseClaim.Claimed) tx.responses().claim(KEY, REQUEST, WAIT);
          assertThat(tx.responses().claim(KEY, REQUEST, WAIT))
              .isEqualTo(new ResponseClaim.InFlight(KEY));
          tx.responses().complete(claim, created("{}"));
          assertThatThrownBy(() -> tx.responses().complete(claim, created("{}")))
              .isInstanceOf(InvalidArgumentException.class)
              .hasMessageContaining("not an open claim");
          return claim;
        });
    assertThat(claimIn(ds, REQUEST)).isEqualTo(new ResponseClaim.Replay(created("{}")));
  }

  @Test
  void a_claim_committed_without_its_response_is_refused_at_commit_and_keeps_nothing(
      Racefree rf, DataSource ds, DSLContext dsl) throws Exception {
    long a = funded(rf, 100);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      Racefree tx = Racefree.using(DSL.using(c, SQLDialect.POSTGRES));
      assertThat(tx.responses().claim(KEY, REQUEST, WAIT))
          .isInstanceOf(ResponseClaim.Claimed.class);
      tx.accounts().debit(a, 30);
      assertThatThrownBy(c::commit)
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("23000");
      c.setAutoCommit(true);
    }
    assertThat(rf.accounts().balance(a)).isEqualTo(100);
    assertThat(dsl.fetchCount(STORED_RESPONSES)).isZero();
  }

  @Test
  void outside_a_callers_transaction_a_claim_is_refused(Racefree rf, DSLContext dsl) {
    assertThatThrownBy(() -> rf.responses().claim(KEY, REQUEST, WAIT))
        .isInstanceOf(NoCallerTransactionException.class)
        .hasMessageContaining("responses.claim");
    assertThatThrownBy(() -> Racefree.using(dsl, () -> false).responses().claim(KEY, REQUEST, WAIT))
        .isInstanceOf(NoCallerTransactionException.class);
    assertThatThrownBy(
            () -> rf.responses().complete(new ResponseClaim.Claimed(KEY, 1), created("{}")))
        .isInstanceOf(NoCallerTransactionException.class);
    assertThat(dsl.fetchCount(STORED_RESPONSES)).isZero();
  }

  @Test
  void a_jooq_transaction_is_a_callers_transaction_too(Racefree rf, DSLContext dsl) {
    ResponseClaim claim =
        dsl.transactionResult(cfg -> {
          Racefree tx = Racefree.using(cfg.dsl());
          ResponseClaim c = tx.responses().claim(KEY, REQUEST, WAIT);
          tx.responses().complete((ResponseClaim.Claimed) c, created("{}"));
          return c;
        });
    assertThat(claim).isInstanceOf(ResponseClaim.Claimed.class);
    ResponseClaim again =
        dsl.transactionResult(
            cfg -> Racefree.using(cfg.dsl()).responses().claim(KEY, REQUEST, WAIT));
    assertThat(again).isEqualTo(new ResponseClaim.Replay(created("{}")));
  }

  @Test
  void expired_responses_are_taken_over_and_purged(Racefree rf, DataSource ds, DSLContext dsl)
      throws Exception {
    IdempotencyKey other = IdempotencyKey.of("http", "other");
    committed(ds, (tx, c) -> completed(tx, REQUEST, created("{\"old\":1}")));
    committed(
        ds,
        (tx, c) -> {
          ResponseClaim.Claimed claim =
              (ResponseClaim.Claimed) tx.responses().claim(other, REQUEST, WAIT);
          tx.responses().complete(claim, created("{}"));
          return claim;
        });
    dsl.update(STORED_RESPONSES)
        .set(
            STORED_RESPONSES.EXPIRES_AT,
            DSL.field("statement_timestamp() - interval '1 second'", OffsetDateTime.class))
        .execute();
    ResponseClaim taken =
        committed(
            ds,
            (tx, c) -> completed(tx, "another".getBytes(StandardCharsets.UTF_8), created("{}")));
    assertThat(taken).isInstanceOf(ResponseClaim.Claimed.class); // an expired key runs as new
    assertThat(rf.purgeExpiredKeys()).isEqualTo(1); // the other one
    assertThat(dsl.fetchCount(STORED_RESPONSES)).isEqualTo(1);
  }

  @Test
  void claims_and_replays_are_observed(DataSource ds) throws Exception {
    Recorder rec = new Recorder();
    for (int i = 0; i < 2; i++) {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        Racefree tx = Racefree.using(DSL.using(c, SQLDialect.POSTGRES)).withObserver(rec);
        if (tx.responses().claim(KEY, REQUEST, WAIT) instanceof ResponseClaim.Claimed claim) {
          tx.responses().complete(claim, created("{}"));
        }
        c.commit();
        c.setAutoCommit(true);
      }
    }
    assertThat(rec.of("end"))
        .extracting(e -> e.operation() + " " + e.outcome() + " " + e.replayed())
        .containsExactly(
            "responses.claim Claimed false",
            "responses.complete Ok false",
            "responses.claim Replay true");
    assertThat(rec.of("start")).extracting(Event::operation).hasSize(3);
  }

  @Test
  void invalid_inputs_are_refused_before_any_sql(DataSource ds) throws Exception {
    Connection closed = ds.getConnection();
    closed.close(); // any statement on it would fail otherwise than InvalidArgumentException
    Racefree dead = Racefree.using(DSL.using(closed, SQLDialect.POSTGRES), () -> true);
    StoredResponse ok = created("{}");
    ResponseClaim.Claimed claim = new ResponseClaim.Claimed(KEY, 1);
    List<Object[]> refused =
        List.of(
            new Object[] {"key", (Runnable) () -> dead.responses().claim(null, REQUEST, WAIT)},
            new Object[] {"fingerprint", (Runnable) () -> dead.responses().claim(KEY, null, WAIT)},
            new Object[] {"wait", (Runnable) () -> dead.responses().claim(KEY, REQUEST, null)},
            new Object[] {
              "wait", (Runnable) () -> dead.responses().claim(KEY, REQUEST, Duration.ZERO)
            },
            new Object[] {
              "wait",
              (Runnable) () -> dead.responses().claim(KEY, REQUEST, Duration.ofNanos(999_999))
            },
            new Object[] {
              "wait", (Runnable) () -> dead.responses().claim(KEY, REQUEST, Duration.ofMillis(-1))
            },
            new Object[] {
              "wait",
              (Runnable)
                  () -> dead.responses().claim(KEY, REQUEST, Duration.ofMinutes(10).plusMillis(1))
            },
            new Object[] {"claim", (Runnable) () -> dead.responses().complete(null, ok)},
            new Object[] {
              "claim.id",
              (Runnable) () -> dead.responses().complete(new ResponseClaim.Claimed(KEY, 0), ok)
            },
            new Object[] {
              "claim.key",
              (Runnable) () -> dead.responses().complete(new ResponseClaim.Claimed(null, 1), ok)
            },
            new Object[] {"response", (Runnable) () -> dead.responses().complete(claim, null)},
            new Object[] {"status", (Runnable) () -> new StoredResponse(99, null, new byte[0])},
            new Object[] {"status", (Runnable) () -> new StoredResponse(600, null, new byte[0])},
            new Object[] {"contentType", (Runnable) () -> new StoredResponse(200, "", new byte[0])},
            new Object[] {
              "contentType", (Runnable) () -> new StoredResponse(200, " \u3000", new byte[0])
            },
            new Object[] {
              "contentType", (Runnable) () -> new StoredResponse(200, "text/\u0000", new byte[0])
            },
            new Object[] {
              "contentType",
              (Runnable) () -> new StoredResponse(200, "t".repeat(1_001), new byte[0])
            },
            new Object[] {"body", (Runnable) () -> new StoredResponse(200, null, null)},
            new Object[] {
              "body",
              (Runnable) () -> new StoredResponse(200, null, new byte[StoredResponse.MAX_BODY + 1])
            });
    for (Object[] r : refused) {
      assertThatThrownBy(((Runnable) r[1])::run)
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith((String) r[0] + " ");
    }
    // The same context with valid arguments does reach the (closed) connection:
    assertThatThrownBy(() -> dead.responses().claim(KEY, REQUEST, WAIT))
        .isNotInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void a_body_of_one_mebibyte_is_kept_byte_for_byte_and_never_shared(DataSource ds)
      throws Exception {
    byte[] body = new byte[StoredResponse.MAX_BODY];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 31);
    }
    StoredResponse big = new StoredResponse(200, "application/octet-stream", body);
    body[0] = 1; // the response copied it
    assertThat(big.body()[0]).isEqualTo((byte) 0);
    committed(ds, (tx, c) -> completed(tx, REQUEST, big));
    ResponseClaim.Replay replay = (ResponseClaim.Replay) claimIn(ds, REQUEST);
    assertThat(replay.response()).isEqualTo(big);
    assertThat(Arrays.equals(replay.response().body(), big.body())).isTrue();
    assertThat(replay.response().bodyLength()).isEqualTo(StoredResponse.MAX_BODY);
    assertThat(new StoredResponse(204, null, new byte[0]))
        .isEqualTo(new StoredResponse(204, null, new byte[0]))
        .isNotEqualTo(new StoredResponse(204, "text/plain", new byte[0]));
  }

  /** Claims {@link #KEY} for {@code request} in a transaction of its own, committed. */
  private static ResponseClaim claimIn(DataSource ds, byte[] request) throws Exception {
    return committed(ds, (tx, c) -> tx.responses().claim(KEY, request, WAIT));
  }

  /** Claims {@link #KEY} for {@code request} and, when claimed, completes it with {@code r}. */
  private static ResponseClaim completed(Racefree tx, byte[] request, StoredResponse r) {
    ResponseClaim claim = tx.responses().claim(KEY, request, WAIT);
    if (claim instanceof ResponseClaim.Claimed claimed) {
      tx.responses().complete(claimed, r);
    }
    return claim;
  }
}
