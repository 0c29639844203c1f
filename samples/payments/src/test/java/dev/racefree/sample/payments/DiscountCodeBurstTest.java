package dev.racefree.sample.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.CodeState;
import dev.racefree.Racefree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestConstructor;

/**
 * The attack itself: bursts of redemptions of one discount code sent as an attacker sends them,
 * with HTTP/1.1 last-byte synchronisation ({@link LastByteSync}), so the server starts every
 * request at once. The caps hold exactly.
 */
@SpringBootTest(
    classes = PaymentsApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.main.banner-mode=off")
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class DiscountCodeBurstTest {

  static final int BURST = 64;
  static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  final LastByteSync http;
  final Racefree rf;

  DiscountCodeBurstTest(@LocalServerPort int port, Racefree rf) {
    this.http = new LastByteSync(port);
    this.rf = rf;
  }

  @Test
  void sixty_four_customers_at_once_redeem_a_code_of_forty_uses_exactly_forty_times()
      throws Exception {
    String code = "SPRING-" + UUID.randomUUID();
    long id = create(code, 40, 1);
    Map<Integer, Long> statuses = burst(code, i -> "customer-" + i);
    assertThat(statuses).containsEntry(201, 40L).containsEntry(409, 24L).hasSize(2);
    CodeState state = rf.codes().state(id).orElseThrow();
    assertThat(state.uses()).isEqualTo(40);
  }

  @Test
  void one_customer_sending_sixty_four_at_once_redeems_at_most_their_three() throws Exception {
    String code = "WELCOME-" + UUID.randomUUID();
    long id = create(code, 1_000, 3);
    Map<Integer, Long> statuses = burst(code, i -> "mallory");
    assertThat(statuses).containsEntry(201, 3L).containsEntry(409, 61L).hasSize(2);
    assertThat(rf.codes().state(id).orElseThrow().uses()).isEqualTo(3);
  }

  private long create(String code, long maxUses, long perCustomer) throws IOException {
    String response =
        http.exchange(
            LastByteSync.post(
                "/codes",
                "{\"code\":\""
                    + code
                    + "\",\"purpose\":\"spring sale\",\"maxUses\":"
                    + maxUses
                    + ",\"perCustomer\":"
                    + perCustomer
                    + "}"));
    assertThat(LastByteSync.status(response)).as(response).isEqualTo(201);
    Matcher m = ID.matcher(response);
    assertThat(m.find()).as(response).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** {@link #BURST} redemptions, last-byte synchronised; how many got each status. */
  private Map<Integer, Long> burst(String code, Function<Integer, String> customer)
      throws Exception {
    List<byte[]> requests = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      requests.add(
          LastByteSync.post(
              "/codes/" + code + "/redemptions", "{\"customer\":\"" + customer.apply(i) + "\"}"));
    }
    return LastByteSync.statuses(http.burst(requests));
  }
}
