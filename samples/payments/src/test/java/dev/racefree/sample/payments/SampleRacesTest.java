package dev.racefree.sample.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.result.Held;
import dev.racefree.test.BrokenRound;
import dev.racefree.test.BurstRequest;
import dev.racefree.test.HttpBurst;
import dev.racefree.test.HttpBurstResult;
import dev.racefree.test.Invariants;
import dev.racefree.test.Outcomes;
import dev.racefree.test.Races;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * racefree-test on the sample: last-byte synchronised bursts of 64 requests against its payment,
 * hold-capture and idempotent endpoints, which hold, and against a deliberately naive endpoint of a
 * test-only controller, which is caught.
 */
@SpringBootTest(
    classes = PaymentsApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.main.banner-mode=off")
@Import({SampleRacesTest.NaiveBonus.class, DiscountCodeBurstTest.Arrivals.class})
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class SampleRacesTest {

  static final int BURST = 64;

  /** A welcome bonus for an empty account: checked in Java, then credited. A race by design. */
  @TestConfiguration
  static class NaiveBonus {
    @Bean
    NaiveBonusController naiveBonusController(Racefree rf) {
      return new NaiveBonusController(rf);
    }
  }

  @RestController
  static class NaiveBonusController {
    private final Racefree rf;

    NaiveBonusController(Racefree rf) {
      this.rf = rf;
    }

    @PostMapping("/test-only/accounts/{id}/welcome-bonus")
    ResponseEntity<String> bonus(@PathVariable long id) {
      long balance = rf.accounts().find(id).orElseThrow().balance(); // read
      if (balance != 0) { // check
        return ResponseEntity.status(HttpStatus.CONFLICT).body("{\"bonus\":false}");
      }
      rf.accounts().credit(id, 500); // act: another request may have read 0 too
      return ResponseEntity.status(HttpStatus.CREATED).body("{\"bonus\":true}");
    }
  }

  final HttpBurst http;
  final Racefree rf;

  SampleRacesTest(@LocalServerPort int port, Racefree rf) {
    this.http = HttpBurst.to(URI.create("http://localhost:" + port));
    this.rf = rf;
  }

  private long account(long balance) {
    long id = rf.accounts().open("races-" + UUID.randomUUID(), "EUR");
    if (balance > 0) {
      rf.accounts().credit(id, balance);
    }
    return id;
  }

  @Test
  void the_naive_welcome_bonus_is_caught_by_a_burst() throws Exception {
    Optional<BrokenRound> broken =
        Races.untilBroken(
            10,
            round -> {
              long id = account(0);
              HttpBurstResult r =
                  http.send(
                      BURST,
                      i -> BurstRequest.post("/test-only/accounts/" + id + "/welcome-bonus", ""));
              System.out.println("[sample] naive welcome bonus, round " + round + ": " + r);
              assertThat(r.count(201)).as("bonuses paid").isLessThanOrEqualTo(1);
            });
    assertThat(broken).as("the naive endpoint survived 10 bursts").isPresent();
  }

  @Test
  void sixty_four_payments_of_the_whole_balance_pay_once() throws Exception {
    long id = account(100);
    HttpBurstResult r =
        http.send(
            BURST,
            i ->
                BurstRequest.post("/payments", "{\"accountId\":" + id + ",\"amount\":100}")
                    .withHeader("Idempotency-Key", "pay-" + id + "-" + i));
    System.out.println("[sample] 64 payments of the whole balance: " + r);
    assertThat(r.statusCounts()).containsEntry(201, 1L).containsEntry(402, 63L).hasSize(2);
    assertThat(rf.accounts().find(id).orElseThrow().balance()).isZero();
    Invariants.racefreeClean(rf).check(new Outcomes<>(List.of()));
  }

  @Test
  void sixty_four_sends_of_one_idempotent_payment_pay_once_and_answer_alike() throws Exception {
    long id = account(1_000);
    HttpBurstResult r =
        http.send(
            BURST,
            i ->
                BurstRequest.post("/payments", "{\"accountId\":" + id + ",\"amount\":100}")
                    .withHeader("Idempotency-Key", "once-" + id));
    System.out.println("[sample] one payment sent 64 times: " + r);
    assertThat(r.arrivalSpread()).isPresent();
    assertThat(r.statusCounts()).containsOnlyKeys(201);
    assertThat(r.responses()).extracting(b -> b.body()).containsOnly(r.responses().get(0).body());
    assertThat(rf.accounts().find(id).orElseThrow().balance()).isEqualTo(900);
  }

  @Test
  void sixty_four_captures_of_one_hold_capture_it_once() throws Exception {
    long id = account(100);
    Held held = (Held) rf.holds().hold(id, 100, Instant.now().plus(Duration.ofMinutes(5)));
    HttpBurstResult r =
        http.send(
            BURST,
            i ->
                BurstRequest.post("/holds/" + held.holdId() + "/capture", "{\"amount\":100}")
                    .withHeader("Idempotency-Key", "capture-" + held.holdId() + "-" + i));
    System.out.println("[sample] 64 captures of one hold: " + r);
    assertThat(r.statusCounts()).containsEntry(200, 1L).containsEntry(409, 63L).hasSize(2);
    assertThat(rf.accounts().find(id).orElseThrow().balance()).isZero();
    Invariants.racefreeClean(rf)
        .and(Invariants.moneyConservedPerCurrency(rf))
        .check(new Outcomes<>(List.of()));
  }
}
