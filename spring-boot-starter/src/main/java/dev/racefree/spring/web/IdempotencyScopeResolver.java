package dev.racefree.spring.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The idempotency scope an HTTP request's key is stored under: keys of different scopes never meet.
 * The default bean answers {@code racefree.http.idempotency.scope} ({@code http}) for every
 * request; define one to keep each client's keys apart, for example by principal:
 *
 * <pre>{@code
 * @Bean
 * IdempotencyScopeResolver perClient() {
 *   return request -> "client:" + request.getUserPrincipal().getName();
 * }
 * }</pre>
 *
 * A scope is 1 to 100 characters, not blank.
 */
@FunctionalInterface
public interface IdempotencyScopeResolver {

  /** The scope of {@code request}'s key. */
  String scope(HttpServletRequest request);
}
