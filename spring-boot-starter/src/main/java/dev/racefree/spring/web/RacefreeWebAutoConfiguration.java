package dev.racefree.spring.web;

import dev.racefree.Racefree;
import dev.racefree.spring.RacefreeAutoConfiguration;
import dev.racefree.spring.RacefreeProperties;
import dev.racefree.spring.internal.web.IdempotencyFilter;
import dev.racefree.spring.internal.web.IdempotentExchange;
import dev.racefree.spring.internal.web.IdempotentHandlers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AllNestedConditions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The {@code Idempotency-Key} filter for handlers marked {@link Idempotent}, in a servlet
 * application with Spring MVC, one {@code Racefree} bean and one transaction manager (or one of
 * each marked {@code @Primary}); off with {@code racefree.http.idempotency.enabled=false}. It runs
 * late among the filters (after Spring Security's, so a scope may come from the principal) and on
 * the request dispatch only.
 */
@AutoConfiguration(
    after = RacefreeAutoConfiguration.class,
    afterName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, TransactionTemplate.class})
@Conditional(RacefreeWebAutoConfiguration.OneRacefreeAndOneTransactionManager.class)
@ConditionalOnBooleanProperty(name = "racefree.http.idempotency.enabled", matchIfMissing = true)
public final class RacefreeWebAutoConfiguration {

  /** Where the filter sits: late, after security and observation filters. */
  public static final int FILTER_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

  /** Created by Spring. */
  public RacefreeWebAutoConfiguration() {}

  /** Every key in {@code racefree.http.idempotency.scope}, unless the application has its own. */
  @Bean
  @ConditionalOnMissingBean
  IdempotencyScopeResolver racefreeIdempotencyScopeResolver(RacefreeProperties properties) {
    String scope = properties.http().idempotency().scope();
    return request -> scope;
  }

  @Bean
  FilterRegistrationBean<IdempotencyFilter> racefreeIdempotencyFilter(
      Racefree racefree,
      PlatformTransactionManager transactionManager,
      IdempotencyScopeResolver scopes,
      ObjectProvider<RequestMappingHandlerMapping> mappings,
      RacefreeProperties properties) {
    IdempotencyFilter filter =
        new IdempotencyFilter(
            new IdempotentHandlers(mappings),
            scopes,
            new IdempotentExchange(
                racefree,
                readCommitted(new TransactionTemplate(transactionManager)),
                properties.http().idempotency().inFlightWait()));
    FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("racefreeIdempotencyFilter");
    registration.setOrder(FILTER_ORDER);
    return registration;
  }

  /** Exactly one {@code Racefree} and one transaction manager to use, as the filter needs. */
  static final class OneRacefreeAndOneTransactionManager extends AllNestedConditions {

    OneRacefreeAndOneTransactionManager() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnSingleCandidate(Racefree.class)
    static final class OneRacefree {}

    @ConditionalOnSingleCandidate(PlatformTransactionManager.class)
    static final class OneTransactionManager {}
  }

  /**
   * The claim waits for a duplicate's transaction and then reads what it committed: that needs READ
   * COMMITTED, whatever the pool's or the server's default isolation.
   */
  private static TransactionTemplate readCommitted(TransactionTemplate template) {
    template.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    return template;
  }
}
