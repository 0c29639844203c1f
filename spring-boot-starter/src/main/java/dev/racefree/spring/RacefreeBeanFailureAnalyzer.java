package dev.racefree.spring;

import dev.racefree.Batching;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Turns a missing racefree bean ({@code Racefree}, {@code Batching}, ...) into Boot's start-up
 * report: racefree's auto-configuration needs exactly one jOOQ {@code DSLContext} (one
 * {@code @Primary} among several will do), and {@code Batching} needs {@code
 * racefree.batching.enabled=true}. Asked before Boot's own report of a missing bean, which does not
 * know why racefree made none. Registered in {@code META-INF/spring.factories}.
 */
final class RacefreeBeanFailureAnalyzer
    extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> implements Ordered {

  private final @Nullable BeanFactory beanFactory;

  /** Boot passes the failed context's bean factory. */
  RacefreeBeanFailureAnalyzer(@Nullable BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  protected @Nullable FailureAnalysis analyze(
      Throwable rootFailure, NoSuchBeanDefinitionException cause) {
    Class<?> type = cause.getBeanType();
    if (type == null || !type.getPackageName().startsWith("dev.racefree")) {
      return null;
    }
    String needed = "A bean needs a " + type.getName() + ", and there is none: ";
    if (type == Batching.class) {
      return new FailureAnalysis(
          needed + "racefree makes a Batching bean only when batching is enabled.",
          "Set racefree.batching.enabled=true, or define a Batching bean (racefree.batching(...)).",
          cause);
    }
    if (!(beanFactory instanceof ConfigurableListableBeanFactory beans)) {
      return null;
    }
    List<String> dsls = Arrays.asList(beans.getBeanNamesForType(DSLContext.class));
    if (dsls.isEmpty()) {
      return new FailureAnalysis(
          needed + "racefree's auto-configuration needs a jOOQ DSLContext bean, and there is none.",
          "Add spring-boot-starter-jooq with a DataSource (spring.datasource.url), or define a"
              + " DSLContext bean.",
          cause);
    }
    if (dsls.size() > 1 && dsls.stream().noneMatch(n -> primary(beans, n))) {
      return new FailureAnalysis(
          needed
              + "racefree's auto-configuration needs one jOOQ DSLContext, and there are "
              + dsls.size()
              + " "
              + dsls
              + ", none of them @Primary.",
          "Mark the DSLContext racefree should use @Primary, or define the Racefree bean yourself"
              + " (Racefree.using(dsl)).",
          cause);
    }
    return new FailureAnalysis(
        needed
            + "there is a DSLContext, so racefree's auto-configuration was excluded or backed off.",
        "Check spring.autoconfigure.exclude and @EnableAutoConfiguration(exclude = ...) for"
            + " RacefreeAutoConfiguration, and run with --debug to see its conditions.",
        cause);
  }

  private static boolean primary(ConfigurableListableBeanFactory beans, String name) {
    return beans.containsBeanDefinition(name) && beans.getBeanDefinition(name).isPrimary();
  }
}
