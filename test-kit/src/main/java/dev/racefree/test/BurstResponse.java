package dev.racefree.test;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One response of an {@link HttpBurst}.
 *
 * @param status the status code
 * @param headers the headers, names in lower case (the last of repeated ones)
 * @param body the body as UTF-8, de-chunked
 */
public record BurstResponse(int status, Map<String, String> headers, String body) {

  /** Checks the values and keeps a copy of the headers. */
  public BurstResponse {
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers can not be null"));
    Objects.requireNonNull(body, "body can not be null");
  }

  /** The header named {@code name} (in any case), or {@code null}. */
  public @Nullable String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }
}
