package dev.racefree.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.spring.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Spring Boot page's service and handler, run over HTTP: a replay pays nothing twice. */
@SpringBootTest(
    classes = DocsPaymentsApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocsPaymentsTest {

  static final String DB = "docs";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.register(registry, DB);
  }

  @LocalServerPort int port;
  @Autowired Racefree rf;
  @Autowired DSLContext dsl;

  final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> pay(String key, long account, long amount)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/payments"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"accountId\":" + account + ",\"amount\":" + amount + "}"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void the_documented_payment_runs_once_per_key_and_refusals_pay_nothing() throws Exception {
    dsl.createTableIfNotExists(DocsPaymentsApp.PAYMENTS)
        .column(DocsPaymentsApp.ACCOUNT_ID, SQLDataType.BIGINT.notNull())
        .column(DocsPaymentsApp.AMOUNT, SQLDataType.BIGINT.notNull())
        .execute();
    long id = rf.accounts().open("docs", "EUR");
    rf.accounts().credit(id, 10_000);

    HttpResponse<String> first = pay("order-7", id, 2_500);
    HttpResponse<String> again = pay("order-7", id, 2_500);
    HttpResponse<String> refused = pay("order-8", id, 1_000_000);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.body()).contains("\"balance\":7500");
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(refused.statusCode()).isEqualTo(402);
    assertThat(refused.body()).contains("available");
    assertThat(rf.accounts().balance(id)).isEqualTo(7_500);
    assertThat(dsl.fetchCount(DocsPaymentsApp.PAYMENTS)).isEqualTo(1);
  }
}
