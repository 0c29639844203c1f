package dev.racefree.it.docs;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One fenced code block of a Markdown document, where it sits, and the comment line right before
 * its opening fence, if any.
 *
 * @param document the document, relative to the repository's root
 * @param fenceLine the 1-based line of the opening fence
 * @param closingLine the 1-based line of the closing fence
 * @param indent what precedes the opening fence on its line (a list item's indentation)
 * @param info the info string: the block's language, or empty
 * @param literal the block's content, its container's indentation removed
 * @param marker the {@code <!-- ... -->} comment on the line before the fence, without its
 *     delimiters
 */
record FencedBlock(
    Path document,
    int fenceLine,
    int closingLine,
    String indent,
    String info,
    String literal,
    Optional<String> marker) {

  /** The block's language: the first word of its info string, or empty. */
  String language() {
    String trimmed = info.strip();
    int space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.substring(0, space);
  }

  /** The marker's value when it is {@code <!-- kind: value -->}. */
  Optional<String> marked(String kind) {
    String prefix = kind + ":";
    return marker.filter(m -> m.startsWith(prefix)).map(m -> m.substring(prefix.length()).strip());
  }

  /** {@code README.md:57} */
  String where() {
    return document + ":" + fenceLine;
  }
}
