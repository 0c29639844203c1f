package dev.racefree.lab.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQL text split at its JDBC {@code ?} placeholders: {@code fragments.get(i)} comes before
 * placeholder {@code i}, and the last fragment after the last placeholder. Question marks inside
 * quoted literals and identifiers are text, not placeholders.
 */
record Placeholders(List<String> fragments) {

  static Placeholders of(String sql) {
    List<String> fragments = new ArrayList<>();
    StringBuilder fragment = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote; // a doubled quote closes and reopens: the same text
        fragment.append(c);
      } else if (c == '\'' || c == '"') {
        quote = c;
        fragment.append(c);
      } else if (c == '?') {
        fragments.add(fragment.toString());
        fragment.setLength(0);
      } else {
        fragment.append(c);
      }
    }
    fragments.add(fragment.toString());
    return new Placeholders(List.copyOf(fragments));
  }

  int count() {
    return fragments.size() - 1;
  }

  /** Whether placeholder {@code i} is the operand of a {@code cast(? as ...)}. */
  boolean cast(int i) {
    return fragments.get(i).stripTrailing().toLowerCase(Locale.ROOT).endsWith("cast(")
        && fragments.get(i + 1).stripLeading().toLowerCase(Locale.ROOT).startsWith("as ");
  }

  /** The text with placeholder {@code i} replaced by {@code replacements.get(i)}. */
  String with(List<String> replacements) {
    if (replacements.size() != count()) {
      throw new IllegalArgumentException(
          replacements.size() + " replacements for " + count() + " placeholders");
    }
    StringBuilder out = new StringBuilder(fragments.getFirst());
    for (int i = 0; i < replacements.size(); i++) {
      out.append(replacements.get(i)).append(fragments.get(i + 1));
    }
    return out.toString();
  }
}
