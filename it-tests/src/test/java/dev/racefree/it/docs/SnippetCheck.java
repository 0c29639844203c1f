package dev.racefree.it.docs;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What is wrong with one fenced block: a Java or SQL block with no marker, a block with no
 * language, a marker naming a missing file or tag, or content that differs from its tagged source.
 */
final class SnippetCheck {

  /** Languages whose blocks must be cut from a compiled source. */
  static final Set<String> CHECKED = Set.of("java", "sql");

  private SnippetCheck() {}

  /** The problems of {@code block}, each naming the document, the line and the tag. */
  static List<String> problems(FencedBlock block) {
    Optional<String> snippet = block.marked("snippet");
    if (snippet.isPresent()) {
      Tagged.Result cut = Tagged.cut(snippet.get());
      if (cut.text().isEmpty()) {
        return List.of(block.where() + ": " + cut.problem());
      }
      if (!cut.text().get().equals(Documents.dedent(block.literal()))) {
        return List.of(
            block.where()
                + ": the block differs from "
                + snippet.get()
                + " (run with -Dracefree.docs.update=true to copy the source in)");
      }
      return List.of();
    }
    if (block.language().equals("sql") && block.marked("statement").isPresent()) {
      return List.of(); // compared with Racefree.statements() by DocsStatementsTest
    }
    if (block.language().isEmpty()) {
      return List.of(block.where() + ": a fenced block without a language (mark output as text)");
    }
    if (CHECKED.contains(block.language())) {
      return List.of(
          block.where()
              + ": a "
              + block.language()
              + " block without <!-- snippet: path#tag --> on the line before it");
    }
    return List.of();
  }

  /** What {@code block} should hold: its tagged source, when it names one that exists. */
  static Optional<String> expected(FencedBlock block) {
    return block.marked("snippet").flatMap(s -> Tagged.cut(s).text());
  }
}
