package dev.racefree.result;

/** The units were consumed; {@code remaining} more fit the cap in the period now. */
public record Consumed(long remaining) implements QuotaResult {}
