package dev.racefree.lab.baselines;

import dev.racefree.HotStatement;
import java.util.List;

/**
 * racefree's hot statements by name, from {@code Racefree.statements()}: the SQL racefree sends,
 * rendered for the settings the lab gives racefree, which both baselines send too.
 */
final class RacefreeSql {

  /**
   * {@code accounts().debit}: the conditional UPDATE and its ledger entry, one data-modifying CTE.
   */
  static final String DEBIT = "debit";

  /** {@code withLock(id, waitIndefinitely(), ...)}'s row lock: {@code SELECT ... FOR UPDATE}. */
  static final String LOCK = "lock";

  private RacefreeSql() {}

  static HotStatement named(List<HotStatement> statements, String name) {
    return statements.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() ->
            new IllegalStateException(
                "racefree names no hot statement \""
                    + name
                    + "\" (it has "
                    + statements.stream().map(HotStatement::name).toList()
                    + "), so the baselines cannot send it"));
  }
}
