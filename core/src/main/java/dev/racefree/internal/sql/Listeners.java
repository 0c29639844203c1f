package dev.racefree.internal.sql;

import org.jooq.Configuration;
import org.jooq.tools.JooqLogger;
import org.jooq.tools.LoggerListener;

/**
 * Whether jOOQ would call any {@link org.jooq.ExecuteListener} for a statement run on a
 * configuration: the configuration's own providers, or jOOQ's SQL logging (which jOOQ adds only
 * when {@code executeLogging} is on and its logger is at DEBUG).
 */
public final class Listeners {

  private static final JooqLogger LOGGER_LISTENER_LOGGER =
      JooqLogger.getLogger(LoggerListener.class);

  private Listeners() {}

  public static boolean present(Configuration cfg) {
    return cfg.executeListenerProviders().length > 0
        || (!Boolean.FALSE.equals(cfg.settings().isExecuteLogging())
            && LOGGER_LISTENER_LOGGER.isDebugEnabled());
  }
}
