package dev.racefree;

/** The optimistic write happened; {@code account} is the row as written, with its new version. */
public record Updated(Account account) implements UpdateResult, ModifyResult {}
