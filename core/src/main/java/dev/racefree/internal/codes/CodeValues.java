package dev.racefree.internal.codes;

import dev.racefree.internal.check.Check;
import dev.racefree.internal.keys.Sha256;
import dev.racefree.internal.tokens.TokenValues;
import java.nio.charset.StandardCharsets;

/**
 * A code's text: chosen by the team (1 to {@link #MAX_LENGTH} characters, compared exactly) or
 * generated (256 random bits, URL-safe, as a token's value). Stored only as the SHA-256 of its
 * UTF-8 bytes.
 */
public final class CodeValues {

  /** The longest code accepted. */
  public static final int MAX_LENGTH = 200;

  private CodeValues() {}

  /** Rejects, before any SQL, text no code can have. */
  public static String check(String code, String name) {
    return Check.text(code, name, MAX_LENGTH);
  }

  /** A new code: 43 URL-safe characters. */
  public static String generate() {
    return TokenValues.generate();
  }

  public static byte[] hash(String code) {
    return Sha256.of(code.getBytes(StandardCharsets.UTF_8));
  }
}
