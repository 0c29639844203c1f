package dev.racefree.test.internal;

import java.util.List;

/** Picks the session let through at each decision of a schedule. */
interface Chooser {

  /**
   * The session (from 1) to let through at decision {@code decision} (from 0), one of {@code
   * enabled}, the parked sessions in ascending order.
   */
  int choose(int decision, List<Integer> enabled);
}
