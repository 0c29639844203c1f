package dev.racefree;

/**
 * A freshly generated code. {@code value} is shown this once: only its SHA-256 is stored, so it can
 * not be read back. {@link #toString()} leaves the value out, so it does not end up in logs.
 */
public record IssuedCode(long id, String value, String purpose, CodeRules rules) {

  @Override
  public String toString() {
    return "IssuedCode[id="
        + id
        + ", value=<redacted>, purpose="
        + purpose
        + ", rules="
        + rules
        + "]";
  }
}
