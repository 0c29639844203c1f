package dev.racefree.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User documents speak of what racefree does, never of the project's issue numbers. */
class DocsIssueNumbersTest {

  @Test
  void no_document_names_an_issue_number() {
    List<String> problems = new ArrayList<>();
    for (Path document : Documents.all()) {
      List<String> lines = Documents.lines(document);
      for (int i = 0; i < lines.size(); i++) {
        for (String reference : IssueReferences.in(lines.get(i))) {
          problems.add(document + ":" + (i + 1) + ": " + reference);
        }
      }
    }
    assertThat(problems).as("issue numbers in user documents").isEmpty();
  }

  @Test
  void references_are_found_and_links_are_not() {
    assertThat(IssueReferences.in("fixed in #12, see issue 8 and Issue #10"))
        .contains("#12", "issue 8", "Issue #10");
    assertThat(IssueReferences.in("[cockroach#70976](https://example.org)")).contains("#70976");
    assertThat(
            IssueReferences.in("see the [jOOQ issue](https://github.com/jOOQ/jOOQ/issues/20135)"))
        .isEmpty();
    assertThat(IssueReferences.in("[the race lab](#the-race-lab), C# 12, &#39;")).isEmpty();
  }
}
