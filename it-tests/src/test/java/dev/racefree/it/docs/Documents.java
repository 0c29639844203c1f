package dev.racefree.it.docs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The user documents of the repository (README.md, CHANGELOG.md and docs/**.md) and their fenced
 * code blocks, found by a CommonMark parser. The repository's root is the parent of the it-tests
 * module, Maven's working directory for its tests.
 */
final class Documents {

  private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*(.*?)\\s*-->\\s*$");

  private static final Parser PARSER =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  private Documents() {}

  /** The repository's root: the directory holding README.md and docs/. */
  static Path root() {
    Path root = Path.of("..").toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("README.md"))
        || !Files.isDirectory(root.resolve("docs"))) {
      throw new IllegalStateException("no README.md and docs/ in " + root + ": run from it-tests/");
    }
    return root;
  }

  /** Every user document, relative to the root, README.md first. */
  static List<Path> all() {
    Path root = root();
    List<Path> documents = new ArrayList<>();
    documents.add(Path.of("README.md"));
    if (Files.isRegularFile(root.resolve("CHANGELOG.md"))) {
      documents.add(Path.of("CHANGELOG.md"));
    }
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md"))
          .map(root::relativize)
          .sorted()
          .forEach(documents::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** The lines of {@code document}, without their line ends. */
  static List<String> lines(Path document) {
    try {
      return Files.readAllLines(root().resolve(document), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code lines} back to {@code document}, each ended by a newline. */
  static void write(Path document, List<String> lines) {
    try {
      Files.writeString(root().resolve(document), String.join("\n", lines) + "\n", UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fenced code blocks of {@code document}, in document order. */
  static List<FencedBlock> blocks(Path document) {
    List<String> lines = lines(document);
    Node parsed = PARSER.parse(String.join("\n", lines) + "\n");
    List<FencedBlock> blocks = new ArrayList<>();
    parsed.accept(
        new AbstractVisitor() {
          @Override
          public void visit(FencedCodeBlock block) {
            List<SourceSpan> spans = block.getSourceSpans();
            int open = spans.get(0).getLineIndex();
            int close = spans.get(spans.size() - 1).getLineIndex();
            String fence = lines.get(open);
            String indent = fence.substring(0, fence.length() - fence.stripLeading().length());
            Optional<String> marker = Optional.empty();
            if (open > 0) {
              Matcher m = MARKER.matcher(lines.get(open - 1));
              if (m.matches()) {
                marker = Optional.of(m.group(1));
              }
            }
            blocks.add(
                new FencedBlock(
                    document,
                    open + 1,
                    close + 1,
                    indent,
                    block.getInfo() == null ? "" : block.getInfo(),
                    block.getLiteral(),
                    marker));
          }
        });
    return blocks;
  }

  /** {@code text} with the indentation common to its non-blank lines removed, and no end blanks. */
  static String dedent(String text) {
    List<String> lines =
        new ArrayList<>(text.stripTrailing().lines().map(String::stripTrailing).toList());
    while (!lines.isEmpty() && lines.get(0).isBlank()) {
      lines.remove(0);
    }
    int common =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return String.join(
        "\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(common)).toList());
  }

  /**
   * Replaces the content of {@code block} (the lines between its fences) in {@code lines} with
   * {@code content}, each line under the block's indentation, and returns how many lines the
   * document grew by.
   */
  static int replace(List<String> lines, FencedBlock block, int shift, String content) {
    int from = block.fenceLine() + shift; // 0-based index of the first content line
    int to = block.closingLine() - 1 + shift; // 0-based index of the closing fence
    List<String> body = content.lines().map(l -> l.isEmpty() ? "" : block.indent() + l).toList();
    lines.subList(from, to).clear();
    lines.addAll(from, body);
    return body.size() - (to - from);
  }
}
