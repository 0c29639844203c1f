package dev.racefree.sample.payments;

/** An account: its balance, and what is available of it once holds are set aside. */
public record AccountView(long id, String owner, String currency, long balance, long available) {}
