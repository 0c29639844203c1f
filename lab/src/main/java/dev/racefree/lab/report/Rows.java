package dev.racefree.lab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Groups result rows, keeping the order in which the groups were first met. */
final class Rows {

  private Rows() {}

  static Map<String, List<ResultRow>> groupBy(
      List<ResultRow> rows, Function<ResultRow, String> key) {
    Map<String, List<ResultRow>> groups = new LinkedHashMap<>();
    for (ResultRow r : rows) {
      groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
    }
    return groups;
  }
}
