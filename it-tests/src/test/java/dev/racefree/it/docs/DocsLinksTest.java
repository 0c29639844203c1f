package dev.racefree.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every link between the user documents, and from them into the repository, arrives: the file
 * exists, and an anchor names a heading of the page it points to.
 */
class DocsLinksTest {

  @Test
  void every_relative_link_reaches_a_file_and_every_anchor_a_heading() {
    Path root = Documents.root();
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path document : Documents.all()) {
      for (String link : Anchors.links(document)) {
        if (link.matches("^[a-z][a-z0-9+.-]*:.*")) {
          continue; // https:, mailto: and the like: outside the repository
        }
        checked++;
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target =
            file.isEmpty()
                ? document
                : root.relativize(root.resolve(document).resolveSibling(file).normalize());
        if (!Files.exists(root.resolve(target))) {
          problems.add(document + ": link " + link + ": no " + target);
        } else if (hash >= 0 && target.toString().endsWith(".md")) {
          String anchor = link.substring(hash + 1);
          if (!Anchors.of(target).contains(anchor)) {
            problems.add(document + ": link " + link + ": no heading #" + anchor + " in " + target);
          }
        }
      }
    }
    assertThat(problems).as("broken links in the docs").isEmpty();
    assertThat(checked).as("relative links checked").isPositive();
  }

  @Test
  void anchors_are_made_as_github_makes_them() {
    assertThat(Anchors.slug("Whose transaction is it?")).isEqualTo("whose-transaction-is-it");
    assertThat(Anchors.slug("chaos --failover")).isEqualTo("chaos---failover");
    assertThat(Anchors.slug("2. Migrate, then make a Racefree"))
        .isEqualTo("2-migrate-then-make-a-racefree");
  }
}
