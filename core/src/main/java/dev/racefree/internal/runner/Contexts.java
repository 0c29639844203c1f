package dev.racefree.internal.runner;

import dev.racefree.Racefree;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;

/**
 * What {@link Racefree#using} refuses in a context: dialect and name case before any SQL, and a
 * connection whose transaction nobody can attribute.
 */
public final class Contexts {

  private Contexts() {}

  /**
   * {@link #checked}, and refused here when every operation would refuse it: a connection with
   * auto-commit off that is not the caller's.
   */
  public static Configuration unambiguous(DSLContext dsl) {
    Configuration cfg = checked(dsl);
    try {
      dsl.connection(c -> Owner.of(cfg, c, null));
    } catch (DataAccessException e) {
      throw Failures.classify(e);
    }
    return cfg;
  }

  public static Configuration checked(DSLContext dsl) {
    Check.notNull(dsl, "dsl");
    if (dsl.dialect().family() != SQLDialect.POSTGRES) {
      throw new InvalidArgumentException("dsl must use SQLDialect.POSTGRES, was " + dsl.dialect());
    }
    Settings settings = dsl.settings();
    if (settings.getRenderNameCase() == RenderNameCase.UPPER
        && settings.getRenderQuotedNames() != RenderQuotedNames.NEVER) {
      throw new InvalidArgumentException(
          "dsl renders quoted names in upper case (RenderNameCase.UPPER), and racefree's "
              + "tables have lower-case names; use RenderNameCase.UPPER_IF_UNQUOTED, or RenderQuotedNames.NEVER");
    }
    return dsl.configuration();
  }
}
