package dev.racefree.sample.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.test.BurstRequest;
import dev.racefree.test.BurstResponse;
import dev.racefree.test.HttpBurst;
import dev.racefree.test.HttpBurstResult;
import java.net.URI;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestConstructor;

/**
 * A daily spending limit under the attack itself: 64 payments on one account sent with HTTP/1.1
 * last-byte synchronisation (racefree-test's {@code HttpBurst}), so the server starts them all at
 * once. The account holds far more than the limit, so only the limit refuses; it holds exactly.
 */
@SpringBootTest(
    classes = PaymentsApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.main.banner-mode=off")
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class DailyLimitBurstTest {

  static final int BURST = 64;
  static final long FUNDS = 100_000;
  static final long LIMIT = 1_000;
  static final long PAYMENT = 25;
  static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  final HttpBurst http;
  final Racefree rf;

  DailyLimitBurstTest(@LocalServerPort int port, Racefree rf) {
    this.http = HttpBurst.to(URI.create("http://localhost:" + port));
    this.rf = rf;
  }

  @Test
  void sixty_four_payments_of_25_at_once_under_a_daily_limit_of_1000_pay_exactly_40() {
    long account = fundedAccount();
    String zone = zoneFarFromMidnight();
    BurstResponse set = put(account, "{\"amount\":" + LIMIT + ",\"zone\":\"" + zone + "\"}");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.body())
        .contains("\"accountId\":" + account, "\"amount\":" + LIMIT, "\"zone\":\"" + zone + "\"");

    String run = UUID.randomUUID().toString();
    HttpBurstResult r =
        http.send(
            BURST,
            i ->
                BurstRequest.post(
                        "/payments", "{\"accountId\":" + account + ",\"amount\":" + PAYMENT + "}")
                    .withHeader("Idempotency-Key", "pay-" + run + "-" + i));

    assertThat(r.statusCounts()).as(r.toString()).containsEntry(201, 40L).containsEntry(429, 24L);
    assertThat(r.statusCounts()).hasSize(2);
    assertThat(r.responses().stream().filter(x -> x.status() == 429))
        .allSatisfy(
            x -> assertThat(x.body()).contains("limit exceeded", "daily: 0 left", "resets at"));
    assertThat(rf.accounts().find(account).orElseThrow().balance()).isEqualTo(FUNDS - LIMIT);

    BurstResponse usage = get(account);
    assertThat(usage.status()).as(usage.body()).isEqualTo(200);
    assertThat(usage.body())
        .contains("\"used\":" + LIMIT, "\"remaining\":0", "\"payments\":40", "\"resetsAt\":\"");
  }

  @Test
  void a_daily_limit_needs_an_amount_and_a_time_zone_by_region_and_an_account() {
    long account = fundedAccount();
    for (String bad :
        List.of(
            "{\"amount\":1000,\"zone\":\"Mars/Olympus_Mons\"}",
            "{\"amount\":1000,\"zone\":\"+02:00\"}",
            "{\"amount\":1000,\"zone\":\"CET\"}",
            "{\"amount\":1000,\"zone\":\"not a zone\"}",
            "{\"amount\":1000}",
            "{\"zone\":\"Europe/Paris\"}",
            "{\"amount\":-1,\"zone\":\"Europe/Paris\"}")) {
      BurstResponse response = put(account, bad);
      assertThat(response.status()).as(bad + " -> " + response.body()).isEqualTo(400);
      assertThat(response.body()).contains("invalid argument");
    }
    assertThat(get(account).status()).as("no limit set").isEqualTo(404);

    BurstResponse utc = put(account, "{\"amount\":0,\"zone\":\"UTC\"}");
    assertThat(utc.status()).as(utc.body()).isEqualTo(200);
    assertThat(utc.body()).contains("\"zone\":\"UTC\"");
    BurstResponse none = put(Long.MAX_VALUE, "{\"amount\":1000,\"zone\":\"Europe/Paris\"}");
    assertThat(none.status()).as(none.body()).isEqualTo(404);
  }

  private long fundedAccount() {
    BurstResponse opened =
        one(BurstRequest.post("/accounts", "{\"owner\":\"daily-limit\",\"currency\":\"EUR\"}"));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    Matcher m = ID.matcher(opened.body());
    assertThat(m.find()).as(opened.body()).isTrue();
    long account = Long.parseLong(m.group(1));
    BurstResponse funded =
        one(
            BurstRequest.post("/accounts/" + account + "/deposits", "{\"amount\":" + FUNDS + "}")
                .withHeader("Idempotency-Key", "fund-" + UUID.randomUUID()));
    assertThat(funded.status()).as(funded.body()).isEqualTo(200);
    return account;
  }

  private BurstResponse put(long account, String json) {
    BurstRequest post = BurstRequest.post("/accounts/" + account + "/daily-limit", json);
    return one(new BurstRequest("PUT", post.path(), post.headers(), json));
  }

  private BurstResponse get(long account) {
    return one(BurstRequest.get("/accounts/" + account + "/daily-limit"));
  }

  private BurstResponse one(BurstRequest request) {
    return http.send(1, i -> request).responses().get(0);
  }

  /**
   * Paris, unless its midnight is within the hour: then Tokyo, seven or eight hours away. A burst
   * that straddled midnight would count in two days, and the totals would not be exact.
   */
  private static String zoneFarFromMidnight() {
    int hour = ZonedDateTime.now(ZoneId.of("Europe/Paris")).getHour();
    return hour == 23 || hour == 0 ? "Asia/Tokyo" : "Europe/Paris";
  }
}
