package dev.racefree.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Batching;
import dev.racefree.IdempotencyKey;
import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.result.Debited;
import dev.racefree.result.Updated;
import dev.racefree.spring.micrometer.MeterObserver;
import dev.racefree.spring.micrometer.ObservationObserver;
import dev.racefree.spring.micrometer.RacefreeMicrometerAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** racefree's meters and observations, recorded from real operations. */
class MicrometerTest {

  private static final String DB = "micrometer";

  private static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class,
                JooqAutoConfiguration.class,
                RacefreeAutoConfiguration.class,
                RacefreeMicrometerAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + TestPostgres.url(DB));
  }

  private static ApplicationContextRunner withRegistries() {
    return runner()
        .withBean(SimpleMeterRegistry.class)
        .withBean(TestObservationRegistry.class, TestObservationRegistry::create);
  }

  private static long operations(MeterRegistry registry, String op, String outcome, boolean r) {
    return registry
        .get(MeterObserver.OPERATIONS)
        .tags("operation", op, "outcome", outcome, "replayed", Boolean.toString(r))
        .timer()
        .count();
  }

  @Test
  void operations_are_timed_by_operation_outcome_and_replayed() {
    withRegistries()
        .run(context -> {
          Racefree rf = context.getBean(Racefree.class);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          long id = rf.accounts().open("m", "EUR");
          IdempotencyKey key = IdempotencyKey.of("metrics", "credit-" + id);
          rf.accounts().credit(id, 100, key);
          rf.accounts().credit(id, 100, key); // a replay
          rf.accounts().debit(id, 60);
          rf.accounts().debit(id, 60); // refused
          assertThat(operations(registry, "accounts.open", "Ok", false)).isEqualTo(1);
          assertThat(operations(registry, "accounts.credit", "Credited", false)).isEqualTo(1);
          assertThat(operations(registry, "accounts.credit", "Credited", true)).isEqualTo(1);
          assertThat(operations(registry, "accounts.debit", "Debited", false)).isEqualTo(1);
          assertThat(operations(registry, "accounts.debit", "InsufficientFunds", false))
              .isEqualTo(1);
          assertThat(
                  registry
                      .get(MeterObserver.RETRIES)
                      .tags("operation", "accounts.debit")
                      .counter()
                      .count())
              .isZero();
        });
  }

  @Test
  void retries_lock_waits_and_batch_sizes_are_recorded() {
    withRegistries()
        .withPropertyValues("racefree.batching.enabled=true")
        .run(context -> {
          Racefree rf = context.getBean(Racefree.class);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          long id = rf.accounts().open("m", "EUR");
          rf.accounts().credit(id, 100);
          AtomicBoolean interfered = new AtomicBoolean();
          Object modified =
              rf.accounts()
                  .modify(
                      id,
                      RetryPolicy.attempts(3),
                      balance -> {
                        if (interfered.compareAndSet(false, true)) {
                          rf.accounts().credit(id, 1); // moves the version: the update loses
                        }
                        return balance - 1;
                      });
          assertThat(modified).isInstanceOf(Updated.class);
          assertThat(
                  registry
                      .get(MeterObserver.RETRIES)
                      .tags("operation", "accounts.modify")
                      .counter()
                      .count())
              .isEqualTo(1);

          rf.accounts().withLock(id, LockPolicy.noWait(), locked -> locked.balance());
          assertThat(
                  registry
                      .get(MeterObserver.LOCK_WAIT)
                      .tags("operation", "accounts.withLock")
                      .timer()
                      .count())
              .isEqualTo(1);

          assertThat(context.getBean(Batching.class).debit(id, 10)).isInstanceOf(Debited.class);
          assertThat(
                  registry
                      .get(MeterObserver.BATCH_SIZE)
                      .tags("operation", "batching.batch")
                      .summary()
                      .totalAmount())
              .isEqualTo(1);
        });
  }

  @Test
  void observations_carry_the_operation_and_nothing_else() {
    withRegistries()
        .run(context -> {
          Racefree rf = context.getBean(Racefree.class);
          TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
          long id = rf.accounts().open("secret-owner", "EUR");
          rf.accounts().credit(id, 4242, IdempotencyKey.of("metrics", "secret-key"));
          rf.tokens().issue("invite", java.time.Instant.now().plusSeconds(60));
          TestObservationRegistryAssert.assertThat(observations)
              .hasNumberOfObservationsWithNameEqualTo(ObservationObserver.NAME, 3)
              .hasHandledContextsThatSatisfy(contexts ->
                  assertThat(contexts)
                      .extracting(Observation.Context::getContextualName)
                      .containsExactly("accounts.open", "accounts.credit", "tokens.issue"));
          for (String operation : List.of("accounts.open", "accounts.credit", "tokens.issue")) {
            TestObservationRegistryAssert.assertThat(observations)
                .hasAnObservation(o ->
                    o.hasContextualNameEqualTo(operation)
                        .hasLowCardinalityKeyValue("operation", operation)
                        .hasOnlyKeys("operation"));
          }
        });
  }

  @Test
  void without_registries_there_are_no_observers() {
    runner()
        .run(context -> {
          assertThat(context).doesNotHaveBean(MeterObserver.class);
          assertThat(context).doesNotHaveBean(ObservationObserver.class);
          assertThat(context.getBean(Racefree.class).accounts().open("m", "EUR")).isPositive();
        });
  }

  @Test
  void one_registry_is_enough() {
    runner()
        .withBean(SimpleMeterRegistry.class)
        .run(context -> {
          assertThat(context).hasSingleBean(MeterObserver.class);
          assertThat(context).doesNotHaveBean(ObservationObserver.class);
          context.getBean(Racefree.class).accounts().open("m", "EUR");
          assertThat(operations(context.getBean(MeterRegistry.class), "accounts.open", "Ok", false))
              .isEqualTo(1);
          assertThat(List.of(context.getBeanNamesForType(MeterObserver.class))).hasSize(1);
        });
  }
}
