package dev.racefree.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.spring.RacefreeAutoConfiguration;
import dev.racefree.spring.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;

/** When the Idempotency-Key filter is there, and which scope it stores keys under. */
class WebAutoConfigurationTest {

  private static final AutoConfigurations CONFIGURATIONS =
      AutoConfigurations.of(
          DataSourceAutoConfiguration.class,
          DataSourceTransactionManagerAutoConfiguration.class,
          JooqAutoConfiguration.class,
          RacefreeAutoConfiguration.class,
          RacefreeWebAutoConfiguration.class);

  private static WebApplicationContextRunner web() {
    return new WebApplicationContextRunner()
        .withConfiguration(CONFIGURATIONS)
        .withPropertyValues(
            "spring.datasource.url=" + TestPostgres.url("web_config"),
            "racefree.migrations.enabled=false");
  }

  @Test
  void a_servlet_application_gets_the_filter_and_one_scope_for_every_key() {
    web()
        .run(context -> {
          assertThat(context).hasSingleBean(FilterRegistrationBean.class);
          assertThat(
                  context
                      .getBean(IdempotencyScopeResolver.class)
                      .scope(new MockHttpServletRequest()))
              .isEqualTo("http");
        });
  }

  @Test
  void the_scope_is_a_property() {
    web()
        .withPropertyValues("racefree.http.idempotency.scope=shop")
        .run(context ->
            assertThat(
                    context
                        .getBean(IdempotencyScopeResolver.class)
                        .scope(new MockHttpServletRequest()))
                .isEqualTo("shop"));
  }

  @Test
  void the_filter_can_be_turned_off() {
    web()
        .withPropertyValues("racefree.http.idempotency.enabled=false")
        .run(context -> {
          assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
          assertThat(context).doesNotHaveBean(IdempotencyScopeResolver.class);
        });
  }

  @Test
  void an_application_without_a_servlet_web_server_gets_no_filter() {
    new ApplicationContextRunner()
        .withConfiguration(CONFIGURATIONS)
        .withPropertyValues(
            "spring.datasource.url=" + TestPostgres.url("web_config"),
            "racefree.migrations.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
  }
}
