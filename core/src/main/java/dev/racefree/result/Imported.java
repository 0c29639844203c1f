package dev.racefree.result;

/**
 * Every posting of an import was written, at its event time: {@code postings} postings, as {@code
 * entries} ledger entries of internal accounts (a transfer has two, a credit or a debit one).
 */
public record Imported(int postings, int entries) implements ImportResult {}
