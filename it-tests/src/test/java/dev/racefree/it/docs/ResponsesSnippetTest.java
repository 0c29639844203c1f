package dev.racefree.it.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.StoredResponse;
import dev.racefree.it.PostgresExtension;
import dev.racefree.result.DebitResult;
import dev.racefree.result.ResponseClaim;
import java.time.Duration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The idempotency page's stored-response example: a handler run once, its answer replayed. */
@ExtendWith(PostgresExtension.class)
class ResponsesSnippetTest {

  private static String answer(
      DSLContext dsl, IdempotencyKey key, byte[] fingerprint, long account) {
    // tag::responses[]
    // in a transaction the caller opened: here jOOQ's, joined by Racefree.using(cfg.dsl())
    return dsl.transactionResult(cfg -> {
      Racefree tx = Racefree.using(cfg.dsl());
      return switch (tx.responses().claim(key, fingerprint, Duration.ofSeconds(5))) {
        case ResponseClaim.Claimed claimed -> {
          DebitResult paid = tx.accounts().debit(account, 2_500); // the handler's work
          byte[] body = paid.toString().getBytes(UTF_8);
          tx.responses().complete(claimed, new StoredResponse(201, "text/plain", body));
          yield "201 " + paid; // stored and committed with the debit
        }
        case ResponseClaim.Replay replay -> // the same status and bytes as the first time
            replay.response().status() + " " + new String(replay.response().body(), UTF_8);
        case ResponseClaim.KeyReused reused -> "422"; // the key, with another request
        case ResponseClaim.InFlight inFlight -> "409"; // the first is still running
      };
    });
    // end::responses[]
  }

  @Test
  void the_handler_runs_once_and_a_repeat_gets_its_stored_answer(Racefree rf, DSLContext dsl) {
    long account = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(account, 10_000);
    IdempotencyKey key = IdempotencyKey.of("http", "order-7");
    byte[] request = "POST /payments {\"amount\":2500}".getBytes(UTF_8);

    String first = answer(dsl, key, request, account);
    String again = answer(dsl, key, request, account);
    String reused = answer(dsl, key, "POST /payments {\"amount\":1}".getBytes(UTF_8), account);

    assertThat(first).isEqualTo("201 Debited[balance=7500]");
    assertThat(again).isEqualTo(first);
    assertThat(reused).isEqualTo("422");
    assertThat(rf.accounts().balance(account)).isEqualTo(7_500);
  }
}
