package dev.racefree.spring.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Idempotency-Key} header's value. The IETF draft makes it a Structured Field string
 * ({@code Idempotency-Key: "8e03978e"}); a bare token, as many clients send, is taken as it is.
 */
final class IdempotencyKeyHeader {

  static final String NAME = "Idempotency-Key";

  private IdempotencyKeyHeader() {}

  /** The key, unquoted; {@code null} when the header is missing or given more than once. */
  static @Nullable String value(HttpServletRequest request) {
    List<String> values = Collections.list(request.getHeaders(NAME));
    if (values.size() != 1) {
      return null;
    }
    String value = values.getFirst().strip();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return value;
  }
}
