package dev.racefree.test;

import static dev.racefree.test.KitDatabase.reset;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kit proves itself over HTTP: a service on the JDK's server with a naive debit endpoint and a
 * conditional one, attacked with last-byte synchronised bursts of 64 requests on 64 connections.
 */
class HttpBurstTest {

  static final long ID = 1;
  static final int REQUESTS = 64;

  static HttpServer server;
  static ExecutorService workers;
  static URI base;

  @BeforeAll
  static void start() throws IOException {
    Naive naive = new Naive(KitDatabase.dataSource());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    workers = Executors.newFixedThreadPool(REQUESTS);
    server.setExecutor(workers);
    endpoint("/naive-debit", () -> naive.debit(ID, 100));
    endpoint("/debit", () -> naive.debitConditionally(ID, 100));
    server.start();
    base = URI.create("http://localhost:" + server.getAddress().getPort());
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    workers.shutdownNow();
  }

  interface Debit {
    boolean pay() throws Exception;
  }

  private static void endpoint(String path, Debit debit) {
    HttpContext context =
        server.createContext(
            path,
            exchange -> {
              try {
                exchange.getRequestBody().readAllBytes();
                respond(exchange, debit.pay() ? 201 : 409);
              } catch (Exception e) {
                respond(exchange, 500);
              }
            });
    context.getFilters().add(new ArrivalTimesHttpFilter());
  }

  private static void respond(HttpExchange exchange, int status) throws IOException {
    byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Test
  void a_last_byte_burst_catches_the_naive_endpoint_and_reports_its_arrival_spread()
      throws Exception {
    HttpBurstResult[] last = new HttpBurstResult[1];
    var broken =
        Races.untilBroken(
            10,
            round -> {
              reset(ID, 100);
              // tag::http[]
              HttpBurstResult r =
                  HttpBurst.to(base)
                      .send(REQUESTS, i -> BurstRequest.post("/naive-debit", "{\"amount\":100}"));
              // end::http[]
              last[0] = r;
              assertThat(r.count(201)).as("paid: %s", r).isLessThanOrEqualTo(1);
            });
    assertThat(broken).isPresent();
    HttpBurstResult r = last[0];
    System.out.println(
        "[racefree-test] naive endpoint, broken in round " + broken.get().round() + ": " + r);
    assertThat(r.responses()).hasSize(REQUESTS);
    Duration spread = r.arrivalSpread().orElseThrow();
    assertThat(spread).isPositive();
  }

  @Test
  void the_conditional_endpoint_pays_once_per_burst() throws Exception {
    for (int round = 0; round < 3; round++) {
      reset(ID, 100);
      HttpBurstResult r =
          HttpBurst.to(base).send(REQUESTS, i -> BurstRequest.post("/debit", "{\"amount\":100}"));
      System.out.println("[racefree-test] conditional endpoint: " + r);
      assertThat(r.statusCounts()).containsEntry(201, 1L).containsEntry(409, 63L).hasSize(2);
      assertThat(r.arrivalSpread()).isPresent();
      assertThat(r.responses().get(0).body()).contains("\"status\"");
    }
  }

  @Test
  void only_loopback_addresses_are_attacked() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> HttpBurst.to(URI.create("http://192.0.2.1:8080")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
  }
}
