package dev.racefree;

import java.time.Instant;

/**
 * A code as stored: its rules and its {@code uses}, the redemptions not reversed. Its text is not
 * stored, so it is not here.
 */
public record CodeState(
    long codeId, String purpose, long uses, CodeRules rules, Instant createdAt) {

  /** How many more redemptions the code takes in total. */
  public long usesLeft() {
    return rules.maxUses() - uses;
  }
}
