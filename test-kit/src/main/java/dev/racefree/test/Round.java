package dev.racefree.test;

/**
 * One round of {@link Races#untilBroken}: set up, race, check; an {@link AssertionError} breaks it.
 */
@FunctionalInterface
public interface Round {

  /** Runs round number {@code round} (from 0). */
  void run(int round) throws Exception;
}
