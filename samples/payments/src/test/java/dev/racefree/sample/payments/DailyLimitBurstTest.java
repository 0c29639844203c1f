package dev.racefree.sample.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import java.io.IOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestConstructor;

/**
 * A daily spending limit under the attack itself: 64 payments on one account sent with HTTP/1.1
 * last-byte synchronisation ({@link LastByteSync}), so the server starts them all at once. The
 * account holds far more than the limit, so only the limit refuses; it holds exactly.
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

  final LastByteSync http;
  final Racefree rf;

  DailyLimitBurstTest(@LocalServerPort int port, Racefree rf) {
    this.http = new LastByteSync(port);
    this.rf = rf;
  }

  @Test
  void sixty_four_payments_of_25_at_once_under_a_daily_limit_of_1000_pay_exactly_40()
      throws Exception {
    long account = fundedAccount();
    String zone = zoneFarFromMidnight();
    String set = put(account, "{\"amount\":" + LIMIT + ",\"zone\":\"" + zone + "\"}");
    assertThat(LastByteSync.status(set)).as(set).isEqualTo(200);
    assertThat(set)
        .contains("\"accountId\":" + account, "\"amount\":" + LIMIT, "\"zone\":\"" + zone + "\"");

    String run = UUID.randomUUID().toString();
    List<byte[]> payments = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      payments.add(
          LastByteSync.post(
              "/payments",
              "{\"accountId\":" + account + ",\"amount\":" + PAYMENT + "}",
              "Idempotency-Key: pay-" + run + "-" + i));
    }
    List<String> responses = http.burst(payments);

    Map<Integer, Long> statuses = LastByteSync.statuses(responses);
    assertThat(statuses).as(responses.toString()).containsEntry(201, 40L).containsEntry(429, 24L);
    assertThat(statuses).hasSize(2);
    assertThat(responses.stream().filter(r -> LastByteSync.status(r) == 429))
        .allSatisfy(r -> assertThat(r).contains("limit exceeded", "daily: 0 left", "resets at"));
    assertThat(rf.accounts().find(account).orElseThrow().balance()).isEqualTo(FUNDS - LIMIT);

    String usage = get(account);
    assertThat(LastByteSync.status(usage)).as(usage).isEqualTo(200);
    assertThat(usage)
        .contains("\"used\":" + LIMIT, "\"remaining\":0", "\"payments\":40", "\"resetsAt\":\"");
  }

  @Test
  void a_daily_limit_needs_an_amount_and_a_time_zone_by_region_and_an_account() throws Exception {
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
      String response = put(account, bad);
      assertThat(LastByteSync.status(response)).as(bad + " -> " + response).isEqualTo(400);
      assertThat(response).contains("invalid argument");
    }
    assertThat(LastByteSync.status(get(account))).as("no limit set").isEqualTo(404);

    String utc = put(account, "{\"amount\":0,\"zone\":\"UTC\"}");
    assertThat(LastByteSync.status(utc)).as(utc).isEqualTo(200);
    assertThat(utc).contains("\"zone\":\"UTC\"");
    String none = put(Long.MAX_VALUE, "{\"amount\":1000,\"zone\":\"Europe/Paris\"}");
    assertThat(LastByteSync.status(none)).as(none).isEqualTo(404);
  }

  private long fundedAccount() throws IOException {
    String opened =
        http.exchange(
            LastByteSync.post("/accounts", "{\"owner\":\"daily-limit\",\"currency\":\"EUR\"}"));
    assertThat(LastByteSync.status(opened)).as(opened).isEqualTo(201);
    Matcher m = ID.matcher(opened);
    assertThat(m.find()).as(opened).isTrue();
    long account = Long.parseLong(m.group(1));
    String funded =
        http.exchange(
            LastByteSync.post(
                "/accounts/" + account + "/deposits",
                "{\"amount\":" + FUNDS + "}",
                "Idempotency-Key: fund-" + UUID.randomUUID()));
    assertThat(LastByteSync.status(funded)).as(funded).isEqualTo(200);
    return account;
  }

  private String put(long account, String json) throws IOException {
    return http.exchange(
        LastByteSync.request("PUT", "/accounts/" + account + "/daily-limit", json));
  }

  private String get(long account) throws IOException {
    return http.exchange(LastByteSync.request("GET", "/accounts/" + account + "/daily-limit", ""));
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
