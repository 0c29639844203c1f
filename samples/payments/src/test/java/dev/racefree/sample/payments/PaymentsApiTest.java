package dev.racefree.sample.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.EntryQuery;
import dev.racefree.LedgerEntry;
import dev.racefree.Racefree;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestConstructor;

/** The sample over HTTP, on its own embedded PostgreSQL, as a client sees it. */
@SpringBootTest(
    classes = PaymentsApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.main.banner-mode=off")
@Import(FailingPayments.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class PaymentsApiTest {

  static final int CLIENTS = 32;
  static final Pattern ID = Pattern.compile("\"(?:id|holdId)\":(\\d+)");
  static final Pattern PAYMENT_ID = Pattern.compile("\"paymentId\":\"([^\"]+)\"");

  final int port;
  final Racefree rf;
  final DSLContext dsl;
  final HttpClient http = HttpClient.newHttpClient();

  PaymentsApiTest(@LocalServerPort int port, Racefree rf, DSLContext dsl) {
    this.port = port;
    this.rf = rf;
    this.dsl = dsl;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json");
  }

  private HttpResponse<String> post(String path, String json, String key) {
    return send(request(path).header("Idempotency-Key", key).POST(body(json)));
  }

  private static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json);
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

  private static long id(HttpResponse<String> response) {
    Matcher m = ID.matcher(response.body());
    assertThat(m.find()).as(response.body()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String paymentId(HttpResponse<String> response) {
    Matcher m = PAYMENT_ID.matcher(response.body());
    assertThat(m.find()).as(response.body()).isTrue();
    return m.group(1);
  }

  private long openFunded(long amount) {
    HttpResponse<String> opened =
        send(request("/accounts").POST(body("{\"owner\":\"alice\",\"currency\":\"EUR\"}")));
    assertThat(opened.statusCode()).isEqualTo(201);
    long id = id(opened);
    HttpResponse<String> funded =
        post("/accounts/" + id + "/deposits", "{\"amount\":" + amount + "}", "fund-" + id);
    assertThat(funded.statusCode()).isEqualTo(200);
    return id;
  }

  private long count(String schema, String table, long accountId) {
    return dsl.fetchCount(
        DSL.table(DSL.name(schema, table)), DSL.field(DSL.name("account_id")).eq(accountId));
  }

  @Test
  void thirty_two_concurrent_requests_with_one_key_execute_once_and_get_one_answer()
      throws Exception {
    long account = openFunded(10_000);
    String key = "race-" + account;
    String payment = "{\"accountId\":" + account + ",\"amount\":2500}";
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      answers.add(
          clients.submit(() -> {
            start.await();
            return post("/payments", payment, key);
          }));
    }
    start.countDown();
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (Future<HttpResponse<String>> f : answers) {
      responses.add(f.get());
    }
    clients.shutdown();

    HttpResponse<String> first = responses.getFirst();
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.body()).contains("\"balance\":7500");
    for (HttpResponse<String> r : responses) {
      assertThat(r.statusCode()).isEqualTo(first.statusCode());
      assertThat(r.body()).isEqualTo(first.body());
    }
    assertThat(
            responses.stream()
                .filter(r -> r.headers().firstValue("Idempotent-Replayed").isPresent())
                .count())
        .isEqualTo(CLIENTS - 1);
    assertThat(rf.accounts().balance(account)).isEqualTo(7_500);
    assertThat(count("racefree", "ledger_entries", account)).isEqualTo(2); // the deposit, one debit
    String paymentId = paymentId(first);
    HttpResponse<String> executed =
        responses.stream()
            .filter(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty())
            .findFirst()
            .orElseThrow();
    // A replay carries the body, not the Location: the one that ran has it.
    assertThat(executed.headers().firstValue("Location")).contains("/payments/" + paymentId);
    assertThat(rf.ledger().entries(EntryQuery.byReference(paymentId), 10).entries()).hasSize(1);
  }

  @Test
  void a_payment_reads_back_from_the_ledger_by_its_reference() {
    long account = openFunded(3_000);
    HttpResponse<String> paid =
        post("/payments", "{\"accountId\":" + account + ",\"amount\":1200}", "read-" + account);
    assertThat(paid.statusCode()).isEqualTo(201);
    String paymentId = paymentId(paid);
    Instant before = Instant.now().minusSeconds(60);

    HttpResponse<String> read = send(request("/payments/" + paymentId).GET());
    assertThat(read.statusCode()).isEqualTo(200);
    LedgerEntry entry =
        rf.ledger().entries(EntryQuery.byReference(paymentId), 10).entries().getFirst();
    assertThat(entry.code()).isEqualTo(Payments.PAYMENT);
    long external = rf.accounts().defaultExternal("EUR");
    assertThat(read.body())
        .contains(
            "\"paymentId\":\"" + paymentId + "\"",
            "\"accountId\":" + account,
            "\"counterpartyId\":" + external,
            "\"amount\":1200",
            "\"balanceAfter\":1800",
            "\"at\":\"" + entry.writtenAt());
    assertThat(entry.writtenAt()).isAfter(before);

    HttpResponse<String> unknown = send(request("/payments/" + UUID.randomUUID()).GET());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("no such payment");
    HttpResponse<String> bad = send(request("/payments/" + "x".repeat(201)).GET());
    assertThat(bad.statusCode()).isEqualTo(400); // racefree refuses the reference before any SQL
  }

  @Test
  void a_failure_after_the_debit_moves_no_money_and_stores_no_key() {
    long account = openFunded(1_000);
    String key = "failing-" + account;
    String payment = "{\"accountId\":" + account + ",\"amount\":400}";
    HttpResponse<String> failed = post("/test/failing-payments", payment, key);
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(rf.accounts().balance(account)).isEqualTo(1_000);
    assertThat(count("racefree", "ledger_entries", account)).isEqualTo(1);
    assertThat(
            dsl.fetchCount(
                DSL.table(DSL.name("racefree", "stored_responses")),
                DSL.field(DSL.name("key")).eq(key)))
        .isZero();
    // No key was kept: the same key on the real endpoint runs, once.
    HttpResponse<String> paid = post("/payments", payment, key);
    assertThat(paid.statusCode()).isEqualTo(201);
    assertThat(paid.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(rf.accounts().balance(account)).isEqualTo(600);
  }

  @Test
  void hold_capture_and_read_an_account() {
    long account = openFunded(5_000);
    HttpResponse<String> held =
        post("/holds", "{\"accountId\":" + account + ",\"amount\":2000}", "hold-" + account);
    assertThat(held.statusCode()).isEqualTo(201);
    assertThat(held.body()).contains("\"available\":3000");
    long hold = id(held);
    HttpResponse<String> captured =
        post("/holds/" + hold + "/capture", "{\"amount\":1500}", "capture-" + hold);
    assertThat(captured.statusCode()).isEqualTo(200);
    assertThat(captured.body())
        .isEqualTo("{\"holdId\":" + hold + ",\"captured\":1500,\"balance\":3500}");
    HttpResponse<String> again =
        post("/holds/" + hold + "/capture", "{\"amount\":1500}", "capture-" + hold);
    assertThat(again.body()).isEqualTo(captured.body()); // a replay, not "already captured"
    HttpResponse<String> otherKey =
        post("/holds/" + hold + "/capture", "{\"amount\":1500}", "capture-twice-" + hold);
    assertThat(otherKey.statusCode()).isEqualTo(409);
    HttpResponse<String> read = send(request("/accounts/" + account).GET());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains("\"balance\":3500", "\"available\":3500");
  }

  @Test
  void a_payment_the_balance_cannot_cover_is_refused_and_the_refusal_replays() {
    long account = openFunded(100);
    String payment = "{\"accountId\":" + account + ",\"amount\":101}";
    HttpResponse<String> refused = post("/payments", payment, "broke-" + account);
    assertThat(refused.statusCode()).isEqualTo(402);
    assertThat(refused.body()).contains("insufficient funds");
    post("/accounts/" + account + "/deposits", "{\"amount\":1}", "top-up-" + account);
    HttpResponse<String> again = post("/payments", payment, "broke-" + account);
    assertThat(again.statusCode()).isEqualTo(402); // the first answer, though it would pass now
    assertThat(again.body()).isEqualTo(refused.body());
    assertThat(rf.accounts().balance(account)).isEqualTo(101);
  }
}
