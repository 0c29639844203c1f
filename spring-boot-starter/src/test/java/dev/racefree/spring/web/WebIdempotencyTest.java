package dev.racefree.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.spring.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Idempotency-Key filter on a real server: 400, 409, 422, replays, rollbacks. */
@SpringBootTest(
    classes = WebTestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "racefree.http.idempotency.in-flight-wait=300ms")
class WebIdempotencyTest {

  static final String DB = "web";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.register(registry, DB);
  }

  @LocalServerPort int port;
  @Autowired Racefree rf;
  @Autowired WebTestApp.Handlers handlers;

  final HttpClient http = HttpClient.newHttpClient();

  private long funded(long amount) {
    long id = rf.accounts().open("web", "EUR");
    rf.accounts().credit(id, amount);
    return id;
  }

  private HttpRequest.Builder post(String path, String json) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  private static String debit(long account, long amount) {
    return "{\"accountId\":" + account + ",\"amount\":" + amount + "}";
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long storedResponses(String key) {
    return TestPostgres.queryLong(
        DB, "SELECT count(*) FROM racefree.stored_responses WHERE key = ?", key);
  }

  @Test
  void a_request_without_a_key_is_400_and_runs_nothing() {
    long id = funded(100);
    HttpResponse<String> r = send(post("/debits", debit(id, 10)));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.body()).contains("\"status\":400", "Idempotency-Key");
    assertThat(rf.accounts().balance(id)).isEqualTo(100);
  }

  @Test
  void an_invalid_key_is_400_naming_it() {
    long id = funded(100);
    HttpResponse<String> tooLong =
        send(post("/debits", debit(id, 10)).header("Idempotency-Key", "k".repeat(201)));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("key");
    HttpResponse<String> blank =
        send(post("/debits", debit(id, 10)).header("Idempotency-Key", "\"\""));
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(rf.accounts().balance(id)).isEqualTo(100);
  }

  @Test
  void a_repeat_gets_the_stored_answer_and_runs_nothing() {
    long id = funded(100);
    String key = "repeat-" + id;
    HttpResponse<String> first =
        send(post("/debits", debit(id, 10)).header("Idempotency-Key", key));
    HttpResponse<String> again =
        send(post("/debits", debit(id, 10)).header("Idempotency-Key", "\"" + key + "\""));
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.body())
        .isEqualTo("{\"balance\":90,\"execution\":" + handlers.ran("debits") + "}");
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("Content-Type"))
        .isEqualTo(first.headers().firstValue("Content-Type"));
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(rf.accounts().balance(id)).isEqualTo(90);
  }

  @Test
  void the_same_key_with_another_request_is_422() {
    long id = funded(100);
    String key = "reused-" + id;
    assertThat(send(post("/debits", debit(id, 10)).header("Idempotency-Key", key)).statusCode())
        .isEqualTo(201);
    HttpResponse<String> otherBody =
        send(post("/debits", debit(id, 11)).header("Idempotency-Key", key));
    HttpResponse<String> otherPath =
        send(post("/debits?again", debit(id, 10)).header("Idempotency-Key", key));
    assertThat(otherBody.statusCode()).isEqualTo(422);
    assertThat(otherBody.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(otherPath.statusCode()).isEqualTo(422);
    assertThat(rf.accounts().balance(id)).isEqualTo(90);
  }

  @Test
  void keys_of_different_scopes_never_meet() {
    long id = funded(100);
    String key = "scoped-" + id;
    send(post("/debits", debit(id, 10)).header("Idempotency-Key", key).header("X-Client", "a"));
    HttpResponse<String> b =
        send(post("/debits", debit(id, 10)).header("Idempotency-Key", key).header("X-Client", "b"));
    assertThat(b.statusCode()).isEqualTo(201);
    assertThat(b.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(rf.accounts().balance(id)).isEqualTo(80);
  }

  @Test
  void a_key_whose_first_request_still_runs_is_409_then_replays() throws Exception {
    long id = funded(100);
    String key = "in-flight-" + id;
    handlers.entered = new CountDownLatch(1);
    handlers.release = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(
            () -> send(post("/slow", debit(id, 10)).header("Idempotency-Key", key)));
    handlers.entered.await();
    HttpResponse<String> during;
    try {
      during = send(post("/slow", debit(id, 10)).header("Idempotency-Key", key));
    } finally {
      handlers.release.countDown();
    }
    assertThat(during.statusCode()).isEqualTo(409);
    assertThat(during.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(first.get().statusCode()).isEqualTo(200);
    HttpResponse<String> after = send(post("/slow", debit(id, 10)).header("Idempotency-Key", key));
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo(first.get().body());
    assertThat(handlers.ran("slow")).isEqualTo(1);
    assertThat(rf.accounts().balance(id)).isEqualTo(90);
  }

  @Test
  void a_5xx_answer_rolls_the_handler_back_and_stores_nothing() {
    long id = funded(100);
    String key = "unavailable-" + id;
    int before = handlers.ran("unavailable");
    HttpResponse<String> first =
        send(post("/unavailable", debit(id, 10)).header("Idempotency-Key", key));
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(rf.accounts().balance(id)).isEqualTo(100);
    assertThat(storedResponses(key)).isZero();
    HttpResponse<String> retry =
        send(post("/unavailable", debit(id, 10)).header("Idempotency-Key", key));
    assertThat(retry.statusCode()).isEqualTo(503);
    assertThat(handlers.ran("unavailable")).isEqualTo(before + 2); // ran again: nothing replayed
    assertThat(rf.accounts().balance(id)).isEqualTo(100);
  }

  @Test
  void an_exception_rolls_the_handler_back_and_stores_nothing() {
    long id = funded(100);
    String key = "throws-" + id;
    int before = handlers.ran("throws");
    assertThat(send(post("/throws", debit(id, 10)).header("Idempotency-Key", key)).statusCode())
        .isEqualTo(500);
    assertThat(send(post("/throws", debit(id, 10)).header("Idempotency-Key", key)).statusCode())
        .isEqualTo(500);
    assertThat(handlers.ran("throws")).isEqualTo(before + 2);
    assertThat(rf.accounts().balance(id)).isEqualTo(100);
    assertThat(storedResponses(key)).isZero();
  }

  @Test
  void an_exception_an_exception_handler_answers_still_rolls_the_handler_back() {
    long id = funded(100);
    String key = "refused-" + id;
    int before = handlers.ran("refused");
    HttpResponse<String> first =
        send(post("/refused", debit(id, 10)).header("Idempotency-Key", key));
    assertThat(first.statusCode()).isEqualTo(422);
    assertThat(first.body()).isEqualTo("refused after the debit");
    assertThat(rf.accounts().balance(id)).isEqualTo(100);
    assertThat(storedResponses(key)).isZero();
    assertThat(send(post("/refused", debit(id, 10)).header("Idempotency-Key", key)).statusCode())
        .isEqualTo(422);
    assertThat(handlers.ran("refused")).isEqualTo(before + 2); // ran again: nothing replayed
    assertThat(rf.accounts().balance(id)).isEqualTo(100);
  }

  @Test
  void handlers_not_marked_idempotent_need_no_key() {
    long id = funded(100);
    HttpResponse<String> r = send(post("/plain", debit(id, 10)));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(rf.accounts().balance(id)).isEqualTo(90);
  }

  @Test
  void form_posts_are_fingerprinted_by_their_parameters() {
    long id = funded(100);
    String key = "form-" + id;
    HttpRequest.Builder form =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/forms/" + id))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString("amount=10"));
    HttpResponse<String> first = send(form);
    HttpResponse<String> again = send(form);
    HttpResponse<String> other = send(form.POST(HttpRequest.BodyPublishers.ofString("amount=20")));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("\"balance\":90");
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(rf.accounts().balance(id)).isEqualTo(90);
  }
}
