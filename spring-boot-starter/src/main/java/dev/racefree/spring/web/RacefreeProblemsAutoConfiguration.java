package dev.racefree.spring.web;

import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.spring.internal.web.RacefreeProblemHandlers;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * RFC 9457 answers for racefree's refusals in a Spring MVC application: a handler that lets {@link
 * InvalidArgumentException} out is answered 400, {@link AmountOutOfRangeException} 422, as {@code
 * application/problem+json} with the exception's message as {@code detail}. The application's own
 * {@code @ExceptionHandler}s for these types come first. Off with {@code
 * racefree.http.problems.enabled=false}: the exceptions then reach Spring's default handling (a
 * 500).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, ProblemDetail.class})
@ConditionalOnBooleanProperty(name = "racefree.http.problems.enabled", matchIfMissing = true)
public final class RacefreeProblemsAutoConfiguration {

  /** Created by Spring. */
  public RacefreeProblemsAutoConfiguration() {}

  @Bean
  RacefreeProblemHandlers racefreeProblemHandlers() {
    return new RacefreeProblemHandlers();
  }
}
