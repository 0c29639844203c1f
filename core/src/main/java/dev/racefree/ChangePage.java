package dev.racefree;

import java.util.List;

/**
 * One read of the change feed: entries in the order their transactions became visible (by id among
 * those that became visible between the same two reads; per account, always in balance order), and
 * the cursor to read on from.
 *
 * @param entries at most the limit asked for, possibly none
 * @param next where the next read starts; store it once the entries are handled
 * @param caughtUp whether this read delivered every entry committed before it; when {@code false},
 *     read on at once
 */
public record ChangePage(List<LedgerEntry> entries, ChangeCursor next, boolean caughtUp) {

  public ChangePage {
    entries = List.copyOf(entries);
  }
}
