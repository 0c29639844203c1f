package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;

/** What {@link Racefree#using} refuses in a context before any SQL: dialect and name case. */
final class Contexts {

  private Contexts() {}

  static Configuration checked(DSLContext dsl) {
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
