package dev.racefree.spring.internal.web;

import dev.racefree.IdempotencyKey;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.spring.web.IdempotencyScopeResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards handlers marked {@link dev.racefree.spring.web.Idempotent}: checks the {@code
 * Idempotency-Key} header (400 when missing or invalid), fingerprints the request (method, path and
 * query, body), and hands the rest to {@link IdempotentExchange}, which runs the handler inside the
 * transaction that stores its response. Every other request passes untouched.
 */
public final class IdempotencyFilter extends OncePerRequestFilter {

  private final IdempotentHandlers handlers;
  private final IdempotencyScopeResolver scopes;
  private final IdempotentExchange exchange;

  /** A filter that sends the requests {@code handlers} mark through {@code exchange}. */
  public IdempotencyFilter(
      IdempotentHandlers handlers, IdempotencyScopeResolver scopes, IdempotentExchange exchange) {
    this.handlers = handlers;
    this.scopes = scopes;
    this.exchange = exchange;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!handlers.idempotent(request)) {
      chain.doFilter(request, response);
      return;
    }
    String value;
    try {
      value = IdempotencyKeyHeader.value(request);
    } catch (IdempotencyKeyHeader.Invalid e) {
      Problems.write(
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "Idempotency-Key invalid",
          String.valueOf(e.getMessage()));
      return;
    }
    if (value == null) {
      Problems.write(
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "Idempotency-Key missing",
          "this request needs exactly one Idempotency-Key header");
      return;
    }
    IdempotencyKey key;
    try {
      key = IdempotencyKey.of(scopes.scope(request), value);
    } catch (InvalidArgumentException e) {
      Problems.write(
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "Idempotency-Key invalid",
          String.valueOf(e.getMessage()));
      return;
    }
    HttpServletRequest forwarded = request;
    byte[] body;
    if (isForm(request)) {
      body = RequestFingerprint.form(request.getParameterMap());
    } else {
      body = request.getInputStream().readAllBytes();
      forwarded = new CachedBodyRequest(request, body);
    }
    exchange.run(key, RequestFingerprint.of(request, body), forwarded, response, chain);
  }

  private static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    try {
      return type != null
          && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(MediaType.parseMediaType(type));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
