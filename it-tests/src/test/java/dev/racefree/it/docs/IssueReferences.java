package dev.racefree.it.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue numbers in a user document: {@code #12} used as a reference, or the word "issue" (or
 * "issues") followed by a number. Links are allowed: a URL's own {@code #} or {@code /issues/12} is
 * not prose.
 */
final class IssueReferences {

  private static final Pattern URL = Pattern.compile("(https?://|www\\.)[^\\s)>\\]]+");

  private static final Pattern HASH_NUMBER = Pattern.compile("(?<![&/])#\\d+\\b");

  private static final Pattern WORD_NUMBER =
      Pattern.compile("(?i)\\b(issues?|pull requests?|PRs?|tickets?)\\s*(no\\.?\\s*)?#?\\d+\\b");

  private IssueReferences() {}

  /** Each reference in {@code line}, as it is written. */
  static List<String> in(String line) {
    String prose = URL.matcher(line).replaceAll(" ");
    List<String> found = new ArrayList<>();
    for (Pattern p : List.of(HASH_NUMBER, WORD_NUMBER)) {
      Matcher m = p.matcher(prose);
      while (m.find()) {
        found.add(m.group());
      }
    }
    return found;
  }
}
