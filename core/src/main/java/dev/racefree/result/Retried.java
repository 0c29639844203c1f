package dev.racefree.result;

/**
 * What a retried transaction returned, and how many attempts it took (1 when the first one
 * committed).
 */
public record Retried<T>(T value, int attempts) {}
