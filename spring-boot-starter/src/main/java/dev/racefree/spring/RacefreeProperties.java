package dev.racefree.spring;

import dev.racefree.BatchOptions;
import dev.racefree.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * racefree's settings under {@code racefree.*}. Values out of range fail the start with racefree's
 * {@code InvalidArgumentException}, naming the setting.
 *
 * @param keyRetention how long idempotency keys are kept before they expire and the same key runs
 *     as new ({@code Racefree.withKeyRetention})
 * @param migrations racefree's schema migrations at start-up
 * @param retry the {@link RetryPolicy} bean, for {@code inTransaction} and {@code modify}
 * @param batching the {@code Batching} bean, off unless enabled
 * @param http Idempotency-Key handling for Spring MVC
 */
@ConfigurationProperties("racefree")
public record RacefreeProperties(
    @DefaultValue("24h") Duration keyRetention,
    @DefaultValue Migrations migrations,
    @DefaultValue Retry retry,
    @DefaultValue Batching batching,
    @DefaultValue Http http) {

  /**
   * racefree's schema migrations (schema {@code racefree}, its own history table), beside the
   * application's own Flyway.
   *
   * @param enabled whether racefree's migrations run at start-up, before the beans that use the
   *     database and before the application's own Flyway migrations
   * @param checkApplicationFlyway whether the start fails when the application has Flyway scripts
   *     in classpath:db/migration but Boot's Flyway auto-configuration (spring-boot-starter-flyway)
   *     is not on the classpath and there is no Flyway bean, so that they would never run
   */
  public record Migrations(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("true") boolean checkApplicationFlyway) {}

  /**
   * The {@link RetryPolicy} bean: attempts and jittered exponential backoff.
   *
   * @param maxAttempts attempts in all of the RetryPolicy bean, the first included
   * @param initialBackoff the cap of the RetryPolicy bean's first backoff
   * @param maxBackoff the cap of each of the RetryPolicy bean's backoffs
   * @param retryLockNotAvailable whether the RetryPolicy bean retries 55P03 (lock not available)
   *     too, besides serialization failures and deadlocks
   */
  public record Retry(
      @DefaultValue("5") int maxAttempts,
      @DefaultValue("2ms") Duration initialBackoff,
      @DefaultValue("250ms") Duration maxBackoff,
      @DefaultValue("false") boolean retryLockNotAvailable) {

    /** These settings as a policy. */
    public RetryPolicy policy() {
      return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, retryLockNotAvailable);
    }
  }

  /**
   * The {@code Batching} bean ({@code Racefree.batching}), closed with the context.
   *
   * @param enabled whether there is a Batching bean
   * @param maxBatchSize the most requests the Batching bean puts in one transaction
   * @param connections the most batches the Batching bean has in the database at once, one
   *     connection each
   */
  public record Batching(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("1000") int maxBatchSize,
      @DefaultValue("8") int connections) {

    /** These settings as batching options. */
    public BatchOptions options() {
      return new BatchOptions(maxBatchSize, connections);
    }
  }

  /**
   * HTTP settings.
   *
   * @param idempotency the {@code Idempotency-Key} filter for handlers marked {@code @Idempotent}
   * @param problems RFC 9457 answers for racefree's argument and range exceptions
   */
  public record Http(@DefaultValue Idempotency idempotency, @DefaultValue Problems problems) {}

  /**
   * RFC 9457 {@code application/problem+json} answers from Spring MVC handlers for racefree's
   * refusals, after the application's own {@code @ExceptionHandler}s.
   *
   * @param enabled whether an InvalidArgumentException a handler throws is answered 400 and an
   *     AmountOutOfRangeException 422, as problem details; when off they reach Spring's default
   *     handling (500)
   */
  public record Problems(@DefaultValue("true") boolean enabled) {}

  /**
   * The {@code Idempotency-Key} filter.
   *
   * @param enabled whether handlers marked {@code @Idempotent} run at most once per Idempotency-Key
   * @param scope the idempotency scope HTTP keys are stored under, unless an {@code
   *     IdempotencyScopeResolver} bean resolves one per request
   * @param inFlightWait how long a repeat waits for the first request with its key to finish before
   *     it is answered 409
   */
  public record Idempotency(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("http") String scope,
      @DefaultValue("10s") Duration inFlightWait) {}
}
