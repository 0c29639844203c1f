package dev.racefree.test;

/**
 * What must hold after a burst or after each schedule of an interleaving: a check over the database
 * and the outcomes that throws ({@link AssertionError}, or any exception) when it does not. See
 * {@link Invariants} for ready ones.
 */
@FunctionalInterface
public interface Invariant {

  /** Runs once the setup is done and before the race, to read what the check compares with. */
  default void before() throws Exception {}

  /** Checks the state after the race, given every outcome. */
  void check(Outcomes<?> outcomes) throws Exception;

  /** This invariant and then {@code next}. */
  default Invariant and(Invariant next) {
    Invariant first = this;
    return new Invariant() {
      @Override
      public void before() throws Exception {
        first.before();
        next.before();
      }

      @Override
      public void check(Outcomes<?> outcomes) throws Exception {
        first.check(outcomes);
        next.check(outcomes);
      }
    };
  }
}
