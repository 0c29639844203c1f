package dev.racefree.result;

/** The hold was released: its whole amount went back to available funds. */
public record Released(long holdId) implements ReleaseResult {}
