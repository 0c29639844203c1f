package dev.racefree;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@link Ledger#entries(EntryQuery, int)}: its entries, oldest first, and the cursor of
 * the next page.
 *
 * @param entries at most the page size asked for
 * @param next an opaque cursor to pass to {@link Ledger#entries(EntryQuery, int, String)} with the
 *     same query for the entries after these; {@code null} when there are none (yet): this was the
 *     last page
 */
public record EntryPage(List<LedgerEntry> entries, @Nullable String next) {

  /** Copies the list. */
  public EntryPage {
    entries = List.copyOf(entries);
  }

  /** Whether a next page exists: {@link #next()} is not {@code null}. */
  public boolean hasNext() {
    return next != null;
  }
}
