package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP response as {@link Responses} keeps it under an idempotency key, to answer repeats of the
 * request with the same bytes. The body is copied in and out, so an instance never changes; equal
 * when status, content type and body bytes are.
 *
 * @param status the HTTP status code, 100 to 599
 * @param contentType the {@code Content-Type}, 1 to {@value #MAX_CONTENT_TYPE} characters, not
 *     blank, no NUL; or {@code null} for none
 * @param body the body, at most {@value #MAX_BODY} bytes (1 MiB); empty for none
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by content: see below
public record StoredResponse(int status, @Nullable String contentType, byte[] body) {

  /** The largest body kept: 1 MiB. */
  public static final int MAX_BODY = 1 << 20;

  /** The longest content type kept. */
  public static final int MAX_CONTENT_TYPE = 1_000;

  /** Validates every component before any SQL, and copies the body. */
  public StoredResponse {
    if (status < 100 || status > 599) {
      throw new InvalidArgumentException("status must be between 100 and 599, was " + status);
    }
    if (contentType != null) {
      Check.text(contentType, "contentType", MAX_CONTENT_TYPE);
    }
    Check.notNull(body, "body");
    if (body.length > MAX_BODY) {
      throw new InvalidArgumentException(
          "body must be at most " + MAX_BODY + " bytes, was " + body.length + " bytes");
    }
    body = body.clone();
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body's length, without copying it. */
  public int bodyLength() {
    return body.length;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof StoredResponse r
        && r.status == status
        && Objects.equals(r.contentType, contentType)
        && Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return (31 * status + Objects.hashCode(contentType)) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "StoredResponse[status="
        + status
        + ", contentType="
        + contentType
        + ", body="
        + body.length
        + " bytes]";
  }

  /** The body as kept, not copied: for racefree's own statements only. */
  byte[] bodyBytes() {
    return body;
  }
}
