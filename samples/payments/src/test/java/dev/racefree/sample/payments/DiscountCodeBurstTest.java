package dev.racefree.sample.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.CodeState;
import dev.racefree.Racefree;
import dev.racefree.test.ArrivalTimesFilter;
import dev.racefree.test.BurstRequest;
import dev.racefree.test.BurstResponse;
import dev.racefree.test.HttpBurst;
import dev.racefree.test.HttpBurstResult;
import java.net.URI;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestConstructor;

/**
 * The attack itself: bursts of redemptions of one discount code sent as an attacker sends them,
 * with racefree-test's HTTP/1.1 last-byte synchronisation: each request on its own connection, all
 * but its last byte first, then every last byte together, so the server completes every request at
 * once. The caps hold exactly; each burst reports how tightly its requests arrived.
 */
@SpringBootTest(
    classes = PaymentsApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.main.banner-mode=off")
@Import(DiscountCodeBurstTest.Arrivals.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class DiscountCodeBurstTest {

  static final int BURST = 64;
  static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  /**
   * Records when each request of a burst was complete on the server: first of all filters, before
   * racefree's idempotency filter (which answers repeats itself and waits for the pool).
   */
  @TestConfiguration
  static class Arrivals {
    // tag::arrivals[]
    @Bean
    FilterRegistrationBean<ArrivalTimesFilter> arrivalTimes() {
      FilterRegistrationBean<ArrivalTimesFilter> filter =
          new FilterRegistrationBean<>(new ArrivalTimesFilter());
      filter.setOrder(Ordered.HIGHEST_PRECEDENCE); // before every filter that does work
      return filter;
    }
    // end::arrivals[]
  }

  final HttpBurst http;
  final Racefree rf;

  DiscountCodeBurstTest(@LocalServerPort int port, Racefree rf) {
    this.http = HttpBurst.to(URI.create("http://localhost:" + port));
    this.rf = rf;
  }

  @Test
  void sixty_four_customers_at_once_redeem_a_code_of_forty_uses_exactly_forty_times() {
    String code = "SPRING-" + UUID.randomUUID();
    long id = create(code, 40, 1);
    HttpBurstResult r = burst(code, i -> "customer-" + i);
    assertThat(r.statusCounts()).containsEntry(201, 40L).containsEntry(409, 24L).hasSize(2);
    CodeState state = rf.codes().state(id).orElseThrow();
    assertThat(state.uses()).isEqualTo(40);
  }

  @Test
  void one_customer_sending_sixty_four_at_once_redeems_at_most_their_three() {
    String code = "WELCOME-" + UUID.randomUUID();
    long id = create(code, 1_000, 3);
    HttpBurstResult r = burst(code, i -> "mallory");
    assertThat(r.statusCounts()).containsEntry(201, 3L).containsEntry(409, 61L).hasSize(2);
    assertThat(rf.codes().state(id).orElseThrow().uses()).isEqualTo(3);
  }

  private long create(String code, long maxUses, long perCustomer) {
    BurstResponse response =
        http.send(
                1,
                i ->
                    BurstRequest.post(
                        "/codes",
                        "{\"code\":\""
                            + code
                            + "\",\"purpose\":\"spring sale\",\"maxUses\":"
                            + maxUses
                            + ",\"perCustomer\":"
                            + perCustomer
                            + "}"))
            .responses()
            .get(0);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    Matcher m = ID.matcher(response.body());
    assertThat(m.find()).as(response.body()).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** {@link #BURST} redemptions, last-byte synchronised, with their arrival spread reported. */
  private HttpBurstResult burst(String code, IntFunction<String> customer) {
    // tag::sample-burst[]
    HttpBurstResult r =
        http.send(
            BURST,
            i ->
                BurstRequest.post(
                    "/codes/" + code + "/redemptions",
                    "{\"customer\":\"" + customer.apply(i) + "\"}"));
    System.out.println("[sample] " + BURST + " redemptions of " + code + ": " + r);
    // end::sample-burst[]
    assertThat(r.arrivalSpread()).as("every request's arrival recorded").isPresent();
    return r;
  }
}
