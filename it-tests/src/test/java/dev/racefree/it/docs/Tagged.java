package dev.racefree.it.docs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The region of a source file between {@code tag::name[]} and {@code end::name[]}, as Asciidoctor
 * and jdbi cut them: the marker lines may be comments of any language ({@code // tag::usage[]},
 * {@code -- tag::usage[]}); every marker line inside the region, of this tag or another, is left
 * out.
 */
final class Tagged {

  private static final Pattern ANY_MARKER = Pattern.compile("(tag|end)::[A-Za-z0-9_.-]+\\[]");

  private Tagged() {}

  /**
   * The tagged region {@code path#tag} of a file relative to the repository's root, dedented, or
   * why it cannot be had.
   */
  static Result cut(String reference) {
    int hash = reference.indexOf('#');
    if (hash < 0) {
      return Result.failed("the snippet marker names no tag: " + reference);
    }
    String file = reference.substring(0, hash);
    String tag = reference.substring(hash + 1);
    Path path = Documents.root().resolve(file);
    if (!Files.isRegularFile(path)) {
      return Result.failed("no file " + file + " (for tag " + tag + ")");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(path, UTF_8);
    } catch (IOException e) {
      return Result.failed("cannot read " + file + ": " + e);
    }
    String open = "tag::" + tag + "[]";
    String close = "end::" + tag + "[]";
    List<String> region = new ArrayList<>();
    boolean inside = false;
    boolean found = false;
    for (String line : lines) {
      if (line.contains(open)) {
        if (found) {
          return Result.failed("tag " + tag + " is opened twice in " + file);
        }
        inside = true;
        found = true;
      } else if (line.contains(close)) {
        inside = false;
      } else if (inside && !ANY_MARKER.matcher(line).find()) {
        region.add(line);
      }
    }
    if (!found) {
      return Result.failed("no tag " + tag + " in " + file);
    }
    if (inside) {
      return Result.failed("tag " + tag + " in " + file + " is never closed (end::" + tag + "[])");
    }
    return new Result(Optional.of(Documents.dedent(String.join("\n", region))), "");
  }

  /** The cut text, or the reason there is none. */
  record Result(Optional<String> text, String problem) {
    static Result failed(String problem) {
      return new Result(Optional.empty(), problem);
    }
  }
}
