package dev.racefree.spring;

import java.util.Arrays;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DSL;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;

/**
 * Boot's {@code DSLContext} as racefree needs it: the same connections (Spring's transaction-aware
 * proxy), dialect and settings, without Boot's exception translator. That listener turns a {@code
 * SQLException} into Spring's {@code DataAccessException}, which would reach racefree's callers
 * instead of its SQLState-classified exceptions and hide serialization failures from its retries.
 * Every other listener stays.
 */
final class SpringContexts {

  private SpringContexts() {}

  static DSLContext withoutExceptionTranslation(DSLContext dsl) {
    ExecuteListenerProvider[] kept =
        Arrays.stream(dsl.configuration().executeListenerProviders())
            .filter(p -> !(p.provide() instanceof ExceptionTranslatorExecuteListener))
            .toArray(ExecuteListenerProvider[]::new);
    return DSL.using(dsl.configuration().derive(kept));
  }
}
