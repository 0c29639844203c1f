package dev.racefree;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A freshly issued token. {@code value} is shown this once: only its SHA-256 is stored, so it can
 * not be read back. {@link #toString()} leaves the value out, so it does not end up in logs.
 *
 * @param issuedTo the only redeemer allowed, or {@code null} for anyone holding the value
 */
public record IssuedToken(
    long id, String value, String purpose, Instant expiresAt, @Nullable String issuedTo) {

  @Override
  public String toString() {
    return "IssuedToken[id="
        + id
        + ", value=<redacted>, purpose="
        + purpose
        + ", expiresAt="
        + expiresAt
        + ", issuedTo="
        + issuedTo
        + "]";
  }
}
