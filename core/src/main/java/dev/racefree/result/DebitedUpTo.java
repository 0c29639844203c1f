package dev.racefree.result;

/**
 * The balancing debit happened: it took {@code taken} (0 when nothing was available), and {@code
 * balance} is the balance right after it.
 */
public record DebitedUpTo(long taken, long balance) implements DebitUpToResult {}
