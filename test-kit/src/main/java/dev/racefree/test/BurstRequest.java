package dev.racefree.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP/1.1 request of an {@link HttpBurst}. {@code Host}, {@code Content-Length}, {@code
 * Connection: close} and the kit's arrival header are added when it is sent.
 *
 * @param method {@code GET}, {@code POST}, ...
 * @param path the request target, starting with {@code /}
 * @param headers further headers by name
 * @param body the body, sent as UTF-8; empty for none
 */
public record BurstRequest(String method, String path, Map<String, String> headers, String body) {

  /** Checks the values and keeps a copy of the headers. */
  public BurstRequest {
    Objects.requireNonNull(method, "method can not be null");
    Objects.requireNonNull(path, "path can not be null");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /, was " + path);
    }
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers can not be null"));
    Objects.requireNonNull(body, "body can not be null");
  }

  /** A {@code POST} of {@code json} as {@code application/json}. */
  public static BurstRequest post(String path, String json) {
    return new BurstRequest("POST", path, Map.of("Content-Type", "application/json"), json);
  }

  /** A {@code GET}. */
  public static BurstRequest get(String path) {
    return new BurstRequest("GET", path, Map.of(), "");
  }

  /** This request with one more header, such as {@code Idempotency-Key}. */
  public BurstRequest withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(
        Objects.requireNonNull(name, "name can not be null"),
        Objects.requireNonNull(value, "value can not be null"));
    return new BurstRequest(method, path, more, body);
  }
}
