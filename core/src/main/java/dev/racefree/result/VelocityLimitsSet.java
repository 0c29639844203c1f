package dev.racefree.result;

import dev.racefree.VelocityLimit;
import java.util.List;

/** The account's velocity limits are now {@code limits}, in the order they were first set. */
public record VelocityLimitsSet(long accountId, List<VelocityLimit> limits)
    implements VelocityResult {

  public VelocityLimitsSet {
    limits = List.copyOf(limits);
  }
}
