package dev.racefree.lab.strategies;

/**
 * What happens between the naive strategy's read and its write. In the CLI nothing does: the race
 * is real. Tests widen it with a barrier so that every client reads before any client writes, which
 * makes the lost updates exact rather than likely.
 */
@FunctionalInterface
public interface Gap {

  Gap NONE = () -> {};

  void between() throws Exception;
}
