package dev.racefree.result;

/** Rejected: no code with this text was ever created. */
public record UnknownCode() implements CodeResult {}
