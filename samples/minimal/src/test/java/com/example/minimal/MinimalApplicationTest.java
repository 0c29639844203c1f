package com.example.minimal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.embedded.EmbeddedPostgresServer;
import dev.racefree.embedded.ServerSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as its user builds it (Boot's parent, the starters it needs) on a real
 * PostgreSQL: its own migration ran beside racefree's, its handler debits and records the order
 * in one transaction, and racefree's meters are on /actuator/metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MinimalApplicationTest {

  static final EmbeddedPostgresServer PG = EmbeddedPostgresServer.start(ServerSettings.defaults());

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", PG::jdbcUrl);
  }

  @AfterAll
  static void stop() {
    PG.close();
  }

  @LocalServerPort int port;
  @Autowired Racefree rf;
  @Autowired JdbcTemplate jdbc;

  final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  @Test
  void the_applications_own_migration_ran_beside_racefrees_schema() {
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'orders'",
                Long.class))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'racefree' AND tablename = 'accounts'",
                Long.class))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM public.flyway_schema_history WHERE script = 'V1__orders.sql'"
                    + " AND success",
                Long.class))
        .isEqualTo(1);
  }

  @Test
  void an_order_debits_and_is_recorded_and_the_meters_are_on_actuator_metrics() throws Exception {
    long account = rf.accounts().open("shop", "EUR");
    rf.accounts().credit(account, 100);

    HttpResponse<String> order =
        send(HttpRequest.newBuilder(uri("/accounts/" + account + "/orders/30"))
            .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(order.statusCode()).isEqualTo(200);
    assertThat(order.body()).isEqualTo("70");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM public.orders WHERE account_id = ?", Long.class, account))
        .isEqualTo(1);

    HttpResponse<String> zero =
        send(HttpRequest.newBuilder(uri("/accounts/" + account + "/orders/0"))
            .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(zero.statusCode()).isEqualTo(400); // racefree's refusal, as a problem
    assertThat(zero.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    HttpResponse<String> metrics = send(HttpRequest.newBuilder(uri("/actuator/metrics/racefree.operations")));
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("\"name\":\"racefree.operations\"");
  }
}
