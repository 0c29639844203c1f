package dev.racefree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.exception.InvalidArgumentException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void attempts_out_of_range_are_refused_naming_the_argument() {
    assertThatThrownBy(() -> RetryPolicy.attempts(0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> RetryPolicy.attempts(1_001))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("maxAttempts");
  }

  @Test
  void backoffs_that_are_negative_inverted_null_or_would_overflow_are_refused() {
    RetryPolicy p = RetryPolicy.attempts(3);
    assertThatThrownBy(() -> p.withBackoff(Duration.ofMillis(-1), Duration.ofMillis(1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("initialBackoff");
    assertThatThrownBy(() -> p.withBackoff(Duration.ofMillis(5), Duration.ofMillis(1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> p.withBackoff(Duration.ZERO, Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> p.withBackoff(null, Duration.ofMillis(1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("initialBackoff");
  }

  @Test
  void the_largest_backoff_accepted_backs_off_without_overflow() {
    RetryPolicy p = RetryPolicy.attempts(1_000).withBackoff(Duration.ZERO, Duration.ZERO);
    assertThat(p.backoff(1_000)).isZero(); // a zero cap pauses for nothing, at any attempt
    RetryPolicy max =
        RetryPolicy.attempts(2).withBackoff(RetryPolicy.MAX_BACKOFF, RetryPolicy.MAX_BACKOFF);
    assertThat(max.maxBackoff()).isEqualTo(Duration.ofMinutes(10));
    for (int attempt : new int[] {1, 2, 31, 1_000, Integer.MAX_VALUE}) {
      assertThat(max.backoff(attempt)).isBetween(Duration.ZERO, RetryPolicy.MAX_BACKOFF);
    }
  }

  @Test
  void lock_not_available_is_retried_only_when_asked() {
    assertThat(RetryPolicy.attempts(2).retryLockNotAvailable()).isFalse();
    assertThat(RetryPolicy.attempts(2).retryingLockNotAvailable().retryLockNotAvailable()).isTrue();
  }
}
