package dev.racefree.it.docs;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SQL as a document shows it: jOOQ renders a statement on one line; a document breaks it before its
 * clauses. Two texts are the same statement when their words are, whatever the line breaks.
 */
final class SqlLayout {

  private static final int WIDTH = 100;

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private static final Set<String> CLAUSES =
      Set.of("update", "set", "where", "returning", "insert", "select", "from", "for");

  private SqlLayout() {}

  /** {@code sql} with every run of whitespace made one space. */
  static String words(String sql) {
    return WHITESPACE.matcher(sql.strip()).replaceAll(" ");
  }

  /**
   * {@code sql} broken before each clause keyword (but {@code for update} kept together), and lines
   * longer than {@value #WIDTH} characters wrapped at spaces, continued two spaces in.
   */
  static String laidOut(String sql) {
    StringBuilder out = new StringBuilder();
    int lineStart = 0;
    String previous = "";
    for (String word : WHITESPACE.splitAsStream(words(sql)).toList()) {
      String lower = word.toLowerCase(Locale.ROOT);
      if (out.length() > 0) {
        if (CLAUSES.contains(lower) && !previous.equals("for")) {
          out.append('\n');
          lineStart = out.length();
        } else if (out.length() - lineStart + 1 + word.length() > WIDTH) {
          out.append("\n  ");
          lineStart = out.length() - 2;
        } else {
          out.append(' ');
        }
      }
      out.append(word);
      previous = lower;
    }
    return out.toString();
  }
}
