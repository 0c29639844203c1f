package dev.racefree.lab.baselines;

/** Which way a balance change goes: what a baseline binds for a debit or for a credit. */
public enum Direction {
  /** Takes the amount: {@code delta = -amount}, journaled as a {@code debit}. */
  DEBIT(-1, "debit"),
  /** Adds the amount: {@code delta = +amount}, journaled as a {@code credit}. */
  CREDIT(1, "credit");

  private final int sign;
  private final String kind;

  Direction(int sign, String kind) {
    this.sign = sign;
    this.kind = kind;
  }

  /** The signed change to the balance for {@code amount}. */
  public long delta(long amount) {
    return sign * amount;
  }

  /** The {@code racefree.entry_kind} label the change is journaled with. */
  public String kind() {
    return kind;
  }
}
