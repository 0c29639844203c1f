package dev.racefree.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.spring.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** racefree's refusals as RFC 9457 problems on a real server, after the application's own. */
@SpringBootTest(
    classes = ProblemsTestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProblemsTest {

  static final String DB = "web_problems";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.register(registry, DB);
  }

  @LocalServerPort int port;
  @Autowired Racefree rf;
  @Autowired ProblemsTestApp.Handlers handlers;

  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> post(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private long funded(long amount) {
    long id = rf.accounts().open("problems", "EUR");
    rf.accounts().credit(id, amount);
    return id;
  }

  @Test
  void an_invalid_argument_is_a_400_problem() throws Exception {
    long id = funded(100);
    HttpResponse<String> r = post("/zero/" + id);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.body())
        .contains("\"status\":400", "\"title\":\"Invalid argument\"", "amount", "/zero/" + id);
    assertThat(rf.accounts().balance(id)).isEqualTo(100);
  }

  @Test
  void a_credit_past_bigint_is_a_422_problem() throws Exception {
    long id = funded(100);
    HttpResponse<String> r = post("/overflow/" + id);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.body()).contains("\"status\":422", "\"title\":\"Amount out of range\"");
    assertThat(rf.accounts().balance(id)).isEqualTo(100);
  }

  @Test
  void in_an_idempotent_handler_the_problem_rolls_back_and_stores_nothing() throws Exception {
    long id = funded(100);
    String key = "problem-" + id;
    int before = handlers.ran("idempotent-zero");
    HttpResponse<String> first = post("/idempotent-zero/" + id, "Idempotency-Key", key);
    assertThat(first.statusCode()).isEqualTo(400);
    assertThat(first.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(rf.accounts().balance(id)).isEqualTo(100); // the debit of 10 rolled back
    assertThat(
            TestPostgres.queryLong(
                DB, "SELECT count(*) FROM racefree.stored_responses WHERE key = ?", key))
        .isZero();
    HttpResponse<String> retry = post("/idempotent-zero/" + id, "Idempotency-Key", key);
    assertThat(retry.statusCode()).isEqualTo(400);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(handlers.ran("idempotent-zero")).isEqualTo(before + 2); // ran again
    assertThat(rf.accounts().balance(id)).isEqualTo(100);
  }

  @Test
  void a_controllers_own_exception_handler_answers_first() throws Exception {
    HttpResponse<String> r = post("/local");
    assertThat(r.statusCode()).isEqualTo(418);
    assertThat(r.body()).isEqualTo("the controller's own: refused locally");
  }

  @Test
  void the_applications_own_advice_answers_first() throws Exception {
    HttpResponse<String> r = post("/advised");
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body()).isEqualTo("the advice's own: refused under advice");
  }
}
