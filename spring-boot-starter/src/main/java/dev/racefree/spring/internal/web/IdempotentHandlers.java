package dev.racefree.spring.internal.web;

import dev.racefree.spring.web.Idempotent;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.RequestPath;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Whether a request goes to a handler marked {@link Idempotent}, asked of Spring MVC's own request
 * mappings before the dispatcher runs, as Spring Security's {@code HandlerMappingIntrospector}
 * does.
 */
public final class IdempotentHandlers {

  private final ObjectProvider<RequestMappingHandlerMapping> provider;
  private volatile @Nullable List<RequestMappingHandlerMapping> mappings;

  /**
   * The handlers of every {@code RequestMappingHandlerMapping} {@code provider} gives, looked up at
   * the first request: they are created after the filter.
   */
  public IdempotentHandlers(ObjectProvider<RequestMappingHandlerMapping> provider) {
    this.provider = provider;
  }

  private List<RequestMappingHandlerMapping> mappings() {
    List<RequestMappingHandlerMapping> known = mappings;
    if (known == null) {
      known = provider.orderedStream().toList();
      mappings = known;
    }
    return known;
  }

  boolean idempotent(HttpServletRequest request) {
    RequestPath previous =
        ServletRequestPathUtils.hasParsedRequestPath(request)
            ? ServletRequestPathUtils.getParsedRequestPath(request)
            : null;
    ServletRequestPathUtils.parseAndCache(request);
    try {
      for (RequestMappingHandlerMapping mapping : mappings()) {
        HandlerExecutionChain chain = mapping.getHandler(request);
        if (chain != null) {
          return chain.getHandler() instanceof HandlerMethod method && marked(method);
        }
      }
      return false;
    } catch (Exception e) {
      return false; // no handler for this method or media type: the dispatcher answers that
    } finally {
      if (previous == null) {
        ServletRequestPathUtils.clearParsedRequestPath(request);
      } else {
        ServletRequestPathUtils.setParsedRequestPath(previous, request);
      }
    }
  }

  private static boolean marked(HandlerMethod method) {
    return method.hasMethodAnnotation(Idempotent.class)
        || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), Idempotent.class);
  }
}
