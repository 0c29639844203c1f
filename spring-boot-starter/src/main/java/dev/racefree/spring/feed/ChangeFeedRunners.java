package dev.racefree.spring.feed;

import dev.racefree.Racefree;
import dev.racefree.spring.ChangeHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One {@link ChangeFeedRunner} per {@link ChangeHandler} bean, started with the context and stopped
 * before its beans are destroyed (each after the page in hand).
 */
public final class ChangeFeedRunners implements SmartLifecycle {

  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final List<ChangeFeedRunner> runners;
  private volatile boolean running;

  ChangeFeedRunners(
      Racefree racefree,
      List<ChangeHandler> handlers,
      TransactionTemplate transactions,
      RacefreeFeedProperties properties) {
    List<ChangeFeedRunner> all = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ChangeHandler h : handlers) {
      String name = h.consumer();
      if (!names.add(name)) {
        throw new IllegalStateException(
            "two ChangeHandler beans name consumer '" + name + "': each needs its own cursor");
      }
      all.add(new ChangeFeedRunner(racefree, h, transactions, properties));
    }
    this.runners = List.copyOf(all);
  }

  /** The runners, one per handler. */
  public List<ChangeFeedRunner> runners() {
    return runners;
  }

  @Override
  public void start() {
    runners.forEach(ChangeFeedRunner::start);
    running = true;
  }

  @Override
  public void stop() {
    runners.forEach(r -> r.stop(STOP_WAIT));
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
