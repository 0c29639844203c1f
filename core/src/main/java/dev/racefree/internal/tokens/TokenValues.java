package dev.racefree.internal.tokens;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.keys.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** Token values: 256 random bits, URL-safe Base64 without padding; stored only as SHA-256. */
public final class TokenValues {

  /** 32 random bytes encode to 43 URL-safe characters. */
  public static final int LENGTH = 43;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private TokenValues() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** Rejects, before any SQL, a value that no issued token can have. */
  public static String check(String value, String name) {
    Check.notNull(value, name);
    if (value.length() != LENGTH) {
      throw new InvalidArgumentException(
          name + " must be " + LENGTH + " characters, was " + value.length());
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        throw new InvalidArgumentException(
            name + " must be URL-safe Base64 (A-Z a-z 0-9 - _), found '" + c + "'");
      }
    }
    return value;
  }

  public static byte[] hash(String value) {
    return Sha256.of(value.getBytes(StandardCharsets.US_ASCII));
  }
}
