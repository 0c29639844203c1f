package dev.racefree.test;

/** The first round of {@link Races#untilBroken} whose check failed, and how. */
public record BrokenRound(int round, AssertionError failure) {}
