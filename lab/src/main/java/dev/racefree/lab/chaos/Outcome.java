package dev.racefree.lab.chaos;

/**
 * What became of one operation: its final result, and whether its first answer was an unknown
 * outcome (a lost connection) that replays resolved.
 */
record Outcome(Op op, Object result, boolean wasUnknown, int replays) {}
