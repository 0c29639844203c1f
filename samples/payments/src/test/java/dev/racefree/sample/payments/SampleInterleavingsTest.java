package dev.racefree.sample.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.test.Exploration;
import dev.racefree.test.Interleavings;
import dev.racefree.test.Invariants;
import dev.racefree.test.ScheduleFailure;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestConstructor;

/**
 * racefree-test's interleavings inside the Spring Boot service: the pool's bean is wrapped, so the
 * service's own beans (the starter's racefree, the sample's Payments, a naive test-only controller)
 * park at every statement when a session calls them.
 */
@SpringBootTest(classes = PaymentsApplication.class, properties = "spring.main.banner-mode=off")
@Import({SampleInterleavingsTest.Wrapped.class, SampleRacesTest.NaiveBonus.class})
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class SampleInterleavingsTest {

  /**
   * Wraps the service's DataSource: on other threads than a session's it passes straight through.
   */
  @TestConfiguration
  static class Wrapped {
    // tag::spring-wrap[]
    @Bean
    static BeanPostProcessor interleavedDataSource() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          return bean instanceof DataSource ds ? Interleavings.on(ds).dataSource() : bean;
        }
      };
    }
    // end::spring-wrap[]
  }

  final Interleavings races;
  final Payments payments;
  final SampleRacesTest.NaiveBonusController naive;
  final Racefree rf;
  @Nullable Long account;

  SampleInterleavingsTest(
      DataSource dataSource,
      Payments payments,
      SampleRacesTest.NaiveBonusController naive,
      Racefree rf) {
    this.races = Interleavings.on(dataSource);
    this.payments = payments;
    this.naive = naive;
    this.rf = rf;
  }

  private long account() {
    Long id = account;
    assertThat(id).isNotNull();
    return id;
  }

  private void open(long balance) {
    long id = rf.accounts().open("interleaved-" + UUID.randomUUID(), "EUR");
    if (balance > 0) {
      rf.accounts().credit(id, balance);
    }
    account = id;
  }

  @Test
  void two_payments_of_the_whole_balance_pay_once_in_every_interleaving() throws Exception {
    Exploration e =
        races
            .of(() -> payments.pay(account(), 100), () -> payments.pay(account(), 100))
            .setup(() -> open(100))
            .invariant(
                Invariants.atMostOneSuccess(o -> o instanceof Payments.Paid)
                    .and(Invariants.racefreeClean(rf))
                    .and(Invariants.moneyConservedPerCurrency(rf)))
            .exhaustively();
    System.out.println("[sample] two payments interleaved: " + e);
    e.assertHolds();
    assertThat(e.complete()).isTrue();
  }

  @Test
  void the_naive_welcome_bonus_is_caught_by_its_reads_before_its_writes() throws Exception {
    Exploration e =
        races
            .of(() -> naive.bonus(account()), () -> naive.bonus(account()))
            .setup(() -> open(0))
            .invariant(o ->
                assertThat(rf.accounts().find(account()).orElseThrow().balance())
                    .as("one bonus at most")
                    .isLessThanOrEqualTo(500))
            .exhaustively();
    ScheduleFailure minimal = e.minimalFailure().orElseThrow();
    System.out.println(
        "[sample] naive welcome bonus interleaved: " + e + "\n" + minimal.describe());
    assertThat(minimal.schedule().verbsWithoutCommits()).startsWith("SELECT", "SELECT");
  }
}
