package dev.racefree.it.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * The links of a Markdown document and the anchors its headings make, as GitHub renders them: lower
 * case, punctuation dropped, spaces made hyphens, repeats numbered {@code -1}, {@code -2}.
 */
final class Anchors {

  private static final Parser PARSER = Parser.builder().build();

  private Anchors() {}

  /** The anchors the headings of {@code document} make. */
  static Set<String> of(Path document) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    parse(document)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Heading heading) {
                String slug = slug(text(heading));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
              }
            });
    return anchors;
  }

  /** The destination of every link in {@code document}, in document order. */
  static List<String> links(Path document) {
    List<String> links = new ArrayList<>();
    parse(document)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Link link) {
                links.add(link.getDestination());
                visitChildren(link);
              }
            });
    return links;
  }

  /** GitHub's anchor for a heading whose text is {@code text}. */
  static String slug(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  private static Node parse(Path document) {
    return PARSER.parse(String.join("\n", Documents.lines(document)) + "\n");
  }

  private static String text(Node node) {
    StringBuilder out = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text text) {
            out.append(text.getLiteral());
          }

          @Override
          public void visit(Code code) {
            out.append(code.getLiteral());
          }
        });
    return out.toString();
  }
}
