package dev.racefree.spring.feed;

import dev.racefree.Ledger;
import dev.racefree.exception.InvalidArgumentException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the starter runs {@link dev.racefree.spring.ChangeHandler} beans, under {@code
 * racefree.feed.*}.
 *
 * @param enabled whether the starter runs the ChangeHandler beans
 * @param pollInterval how long a consumer that caught up waits before it reads again (1 ms to 1 h)
 * @param pageSize the most entries per page, and per transaction (1 to 1000)
 */
@ConfigurationProperties("racefree.feed")
public record RacefreeFeedProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("200ms") Duration pollInterval,
    @DefaultValue("100") int pageSize) {

  public RacefreeFeedProperties {
    if (pollInterval.compareTo(Duration.ofMillis(1)) < 0
        || pollInterval.compareTo(Duration.ofHours(1)) > 0) {
      throw new InvalidArgumentException(
          "racefree.feed.poll-interval must be 1ms to 1h, was " + pollInterval);
    }
    if (pageSize < 1 || pageSize > Ledger.MAX_PAGE) {
      throw new InvalidArgumentException(
          "racefree.feed.page-size must be 1 to " + Ledger.MAX_PAGE + ", was " + pageSize);
    }
  }
}
