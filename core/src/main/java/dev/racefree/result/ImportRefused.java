package dev.racefree.result;

/**
 * Rejected: posting {@code posting} (0-based, in the order given) could not be applied after the
 * postings before it, for {@code reason} (as a transfer, credit or debit of that moment would have
 * been refused); nothing was written.
 */
public record ImportRefused(int posting, TransferResult reason) implements ImportResult {}
