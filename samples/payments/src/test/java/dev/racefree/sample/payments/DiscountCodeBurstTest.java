package dev.racefree.sample.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.CodeState;
import dev.racefree.Racefree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestConstructor;

/**
 * The attack itself: bursts of redemptions of one discount code sent as an attacker sends them,
 * with HTTP/1.1 last-byte synchronisation. Each request goes on its own connection, all but its
 * last byte first; once every connection has sent that much, a barrier releases the last bytes
 * together, so the server starts every request at once. The caps hold exactly.
 */
@SpringBootTest(
    classes = PaymentsApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.main.banner-mode=off")
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class DiscountCodeBurstTest {

  static final int BURST = 64;
  static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");
  static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  final int port;
  final Racefree rf;

  DiscountCodeBurstTest(@LocalServerPort int port, Racefree rf) {
    this.port = port;
    this.rf = rf;
  }

  @Test
  void sixty_four_customers_at_once_redeem_a_code_of_forty_uses_exactly_forty_times()
      throws Exception {
    String code = "SPRING-" + UUID.randomUUID();
    long id = create(code, 40, 1);
    List<Integer> statuses = burst(code, i -> "customer-" + i);
    assertThat(count(statuses)).containsEntry(201, 40L).containsEntry(409, 24L).hasSize(2);
    CodeState state = rf.codes().state(id).orElseThrow();
    assertThat(state.uses()).isEqualTo(40);
  }

  @Test
  void one_customer_sending_sixty_four_at_once_redeems_at_most_their_three() throws Exception {
    String code = "WELCOME-" + UUID.randomUUID();
    long id = create(code, 1_000, 3);
    List<Integer> statuses = burst(code, i -> "mallory");
    assertThat(count(statuses)).containsEntry(201, 3L).containsEntry(409, 61L).hasSize(2);
    assertThat(rf.codes().state(id).orElseThrow().uses()).isEqualTo(3);
  }

  private long create(String code, long maxUses, long perCustomer) throws IOException {
    String response =
        exchange(
            request(
                "/codes",
                "{\"code\":\""
                    + code
                    + "\",\"purpose\":\"spring sale\",\"maxUses\":"
                    + maxUses
                    + ",\"perCustomer\":"
                    + perCustomer
                    + "}"));
    assertThat(status(response)).as(response).isEqualTo(201);
    Matcher m = ID.matcher(response);
    assertThat(m.find()).as(response).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** {@link #BURST} redemptions, last-byte synchronised; the status of each response. */
  private List<Integer> burst(String code, Function<Integer, String> customer) throws Exception {
    CyclicBarrier lastBytes = new CyclicBarrier(BURST);
    ExecutorService pool = Executors.newFixedThreadPool(BURST);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        byte[] request =
            request(
                "/codes/" + code + "/redemptions", "{\"customer\":\"" + customer.apply(i) + "\"}");
        futures.add(
            pool.submit(() -> {
              try (Socket socket = new Socket("localhost", port)) {
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                out.write(request, 0, request.length - 1);
                out.flush();
                lastBytes.await(30, TimeUnit.SECONDS); // every connection is one byte short
                out.write(request, request.length - 1, 1);
                out.flush();
                return status(read(socket.getInputStream()));
              }
            }));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : futures) {
        statuses.add(f.get(60, TimeUnit.SECONDS));
      }
      return statuses;
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private String exchange(byte[] request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.getOutputStream().write(request);
      return read(socket.getInputStream());
    }
  }

  private static byte[] request(String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Connection: close\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    bytes.writeBytes(body);
    return bytes.toByteArray();
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8); // the server closes: Connection
  }

  private static int status(String response) {
    Matcher m = STATUS.matcher(response);
    assertThat(m.find()).as(response).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static Map<Integer, Long> count(List<Integer> statuses) {
    return statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
  }
}
