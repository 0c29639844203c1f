package dev.racefree.spring.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Idempotency-Key} header's value, in one of two forms:
 *
 * <ul>
 *   <li>the IETF draft's (draft-ietf-httpapi-idempotency-key-header): an RFC 8941 Structured Field
 *       String, {@code Idempotency-Key: "8e03978e-40d5"}: a double quote, printable ASCII (0x20 to
 *       0x7E) in which {@code "} and {@code \} are escaped with {@code \}, a double quote;
 *   <li>a bare token, as many clients send, {@code Idempotency-Key: 8e03978e-40d5}: printable ASCII
 *       without space, double quote, comma or backslash (0x21 to 0x7E but {@code " , \}), taken as
 *       it is.
 * </ul>
 *
 * Spaces around the value are ignored, as RFC 8941 parsing does. Anything else is refused: a tab,
 * any control character (C0, DEL, C1 such as U+0085), a character outside ASCII, an unterminated or
 * badly escaped string, an empty key, a list or parameters, and the header given more than once.
 */
final class IdempotencyKeyHeader {

  static final String NAME = "Idempotency-Key";

  private IdempotencyKeyHeader() {}

  /** Why a request's header is refused: the message is the problem's detail. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The key, unquoted; {@code null} when the header is missing.
   *
   * @throws Invalid when the header is given more than once or its value is neither form
   */
  static @Nullable String value(HttpServletRequest request) throws Invalid {
    List<String> values = Collections.list(request.getHeaders(NAME));
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new Invalid(
          "this request needs exactly one Idempotency-Key header, not " + values.size());
    }
    return parse(values.getFirst());
  }

  /** The key {@code field} (a header value) holds, in either form. */
  static String parse(String field) throws Invalid {
    int start = 0;
    int end = field.length();
    while (start < end && field.charAt(start) == ' ') {
      start++;
    }
    while (end > start && field.charAt(end - 1) == ' ') {
      end--;
    }
    if (start == end) {
      throw new Invalid("the Idempotency-Key header is empty");
    }
    return field.charAt(start) == '"'
        ? quoted(field, start, end)
        : bare(field.substring(start, end));
  }

  /** An sf-string from {@code start} (its opening quote) that must end exactly at {@code end}. */
  private static String quoted(String field, int start, int end) throws Invalid {
    StringBuilder key = new StringBuilder(end - start);
    int i = start + 1;
    while (i < end) {
      char c = field.charAt(i++);
      if (c == '\\') {
        if (i == end) {
          throw new Invalid("the Idempotency-Key string ends inside an escape");
        }
        char escaped = field.charAt(i++);
        if (escaped != '"' && escaped != '\\') {
          throw new Invalid(
              "the Idempotency-Key string may escape only \" and \\, not " + describe(escaped));
        }
        key.append(escaped);
      } else if (c == '"') {
        if (i != end) {
          throw new Invalid(
              "the Idempotency-Key header must be one string, with nothing after its closing quote");
        }
        if (key.isEmpty()) {
          throw new Invalid("the Idempotency-Key string is empty");
        }
        return key.toString();
      } else if (c < 0x20 || c > 0x7E) {
        throw new Invalid(
            "the Idempotency-Key string may hold printable ASCII only, not " + describe(c));
      } else {
        key.append(c);
      }
    }
    throw new Invalid("the Idempotency-Key string has no closing quote");
  }

  /** A bare token: printable ASCII without space, {@code "}, {@code ,} or {@code \}. */
  private static String bare(String token) throws Invalid {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= 0x20 || c > 0x7E || c == '"' || c == ',' || c == '\\') {
        throw new Invalid(
            "a bare Idempotency-Key may hold printable ASCII without space, quote, comma or"
                + " backslash only, not "
                + describe(c)
                + "; send it as a quoted string: \"...\"");
      }
    }
    return token;
  }

  private static String describe(char c) {
    return c > 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }
}
