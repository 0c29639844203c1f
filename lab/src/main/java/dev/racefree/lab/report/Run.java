package dev.racefree.lab.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * What ran: a strategy, at a client count, over some accounts, sent by racefree itself or by a
 * baseline.
 *
 * @param baseline who sent racefree's statements instead of racefree ({@code jdbc}, {@code
 *     pgbench}, {@code atomic jdbc}...), or null for racefree itself
 */
@JsonPropertyOrder({"strategy", "clients", "accounts", "baseline"})
public record Run(
    String strategy,
    int clients,
    int accounts,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String baseline) {

  /** racefree's own run of {@code strategy}. */
  public static Run racefree(String strategy, int clients, int accounts) {
    return new Run(strategy, clients, accounts, null);
  }

  /** Who ran the statements: racefree itself, or the baseline it is compared with. */
  public String runner() {
    return baseline == null ? "racefree" : baseline;
  }

  /** The same clients and accounts under other labels. */
  Run labelled(String strategy, @Nullable String baseline) {
    return new Run(strategy, clients, accounts, baseline);
  }
}
