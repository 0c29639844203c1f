package dev.racefree.lab.chaos;

/**
 * How one chaos operation was resolved: its final result, and whether its first answer was an
 * unknown outcome (a lost connection) that replays with its key resolved. Not to be confused with
 * the load's {@code dev.racefree.lab.load.Outcome}, the succeeded-or-refused of one request.
 *
 * @param replays how many times the operation was sent again before its result was known
 */
record Resolution(Op op, Object result, boolean wasUnknown, int replays) {}
