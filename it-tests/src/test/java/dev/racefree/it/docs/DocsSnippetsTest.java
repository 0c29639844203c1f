package dev.racefree.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every code block of the user documents is cut from a compiled source between tag markers: a line
 * {@code <!-- snippet: path#tag -->} right before the block names it, and the block must equal the
 * tagged region (both dedented). With {@code -Dracefree.docs.update=true} the blocks are rewritten
 * from their sources instead.
 */
class DocsSnippetsTest {

  private static final boolean UPDATE = Boolean.getBoolean("racefree.docs.update");

  private static final Pattern SNIPPET_MARKER =
      Pattern.compile("^\\s*<!--\\s*(snippet|statement):.*-->\\s*$");

  @Test
  void every_code_block_is_its_tagged_source() {
    List<String> problems = new ArrayList<>();
    for (Path document : Documents.all()) {
      List<FencedBlock> blocks = Documents.blocks(document);
      if (UPDATE) {
        update(document, blocks);
        blocks = Documents.blocks(document);
      }
      blocks.forEach(b -> problems.addAll(SnippetCheck.problems(b)));
    }
    assertThat(problems).as("code blocks of the docs that are not their sources").isEmpty();
  }

  @Test
  void every_snippet_marker_stands_right_before_a_code_block() {
    List<String> problems = new ArrayList<>();
    for (Path document : Documents.all()) {
      List<String> lines = Documents.lines(document);
      List<Integer> fences =
          Documents.blocks(document).stream().map(FencedBlock::fenceLine).toList();
      IntStream.range(0, lines.size())
          .filter(i -> SNIPPET_MARKER.matcher(lines.get(i)).matches())
          .filter(i -> !fences.contains(i + 2))
          .forEach(i ->
              problems.add(
                  document + ":" + (i + 1) + ": a snippet or statement marker with no block"));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void a_block_that_differs_from_its_source_is_named_by_document_line_and_tag() {
    String usage = "it-tests/src/test/java/dev/racefree/it/ReadmeExampleTest.java#usage";
    FencedBlock stale = block("java", "Racefree rf = null;\n", "snippet: " + usage);
    FencedBlock missingTag = block("java", "x\n", "snippet: " + usage + "-gone");
    FencedBlock unmarked = block("sql", "SELECT 1\n", null);
    FencedBlock bare = block("", "output\n", null);

    assertThat(SnippetCheck.problems(stale))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("docs/x.md:7", usage, "differs");
    assertThat(SnippetCheck.problems(missingTag))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("docs/x.md:7", "no tag usage-gone");
    assertThat(SnippetCheck.problems(unmarked))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("docs/x.md:7", "sql block without");
    assertThat(SnippetCheck.problems(bare))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("without a language");
    assertThat(SnippetCheck.problems(block("sh", "./racelab race\n", null))).isEmpty();
    assertThat(SnippetCheck.expected(stale)).get().asString().contains("Racefree.using(dsl)");
  }

  private static FencedBlock block(String info, String literal, String marker) {
    return new FencedBlock(
        Path.of("docs/x.md"), 7, 9, "", info, literal, Optional.ofNullable(marker));
  }

  private static void update(Path document, List<FencedBlock> blocks) {
    List<String> lines = new ArrayList<>(Documents.lines(document));
    int shift = 0;
    boolean changed = false;
    for (FencedBlock block : blocks) {
      Optional<String> source = SnippetCheck.expected(block);
      if (source.isPresent() && !source.get().equals(Documents.dedent(block.literal()))) {
        shift += Documents.replace(lines, block, shift, source.get());
        changed = true;
      }
    }
    if (changed) {
      Documents.write(document, lines);
    }
  }
}
