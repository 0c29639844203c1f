package dev.racefree.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.HotStatement;
import dev.racefree.Racefree;
import dev.racefree.it.PostgresExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where a document shows the SQL of a hot statement ({@code <!-- statement: debit -->} right before
 * a {@code sql} block), the block is what {@link Racefree#statements()} returns for that statement
 * under jOOQ's default settings, up to line breaks and indentation. With {@code
 * -Dracefree.docs.update=true} the blocks are rewritten from {@code statements()}.
 */
@ExtendWith(PostgresExtension.class)
class DocsStatementsTest {

  private static final boolean UPDATE = Boolean.getBoolean("racefree.docs.update");

  @Test
  void every_statement_shown_is_the_sql_racefree_sends(DataSource dataSource) {
    Map<String, String> sent =
        Racefree.using(DSL.using(dataSource, SQLDialect.POSTGRES)).statements().stream()
            .collect(Collectors.toMap(HotStatement::name, HotStatement::sql));
    List<String> problems = new ArrayList<>();
    int shown = 0;
    for (Path document : Documents.all()) {
      List<FencedBlock> blocks =
          Documents.blocks(document).stream()
              .filter(b -> b.marked("statement").isPresent())
              .toList();
      if (UPDATE) {
        update(document, blocks, sent);
        blocks =
            Documents.blocks(document).stream()
                .filter(b -> b.marked("statement").isPresent())
                .toList();
      }
      for (FencedBlock block : blocks) {
        shown++;
        String name = block.marked("statement").orElseThrow();
        if (!block.language().equals("sql")) {
          problems.add(block.where() + ": statement " + name + " is shown in a non-sql block");
        } else if (!sent.containsKey(name)) {
          problems.add(
              block.where() + ": no statement " + name + " (there are " + sent.keySet() + ")");
        } else if (!SqlLayout.words(block.literal()).equals(SqlLayout.words(sent.get(name)))) {
          problems.add(
              block.where()
                  + ": statement "
                  + name
                  + " differs from Racefree.statements() (run with -Dracefree.docs.update=true)");
        }
      }
    }
    assertThat(problems).as("SQL in the docs that racefree does not send").isEmpty();
    assertThat(shown).as("statement blocks in the docs").isPositive();
  }

  private static void update(Path document, List<FencedBlock> blocks, Map<String, String> sent) {
    List<String> lines = new ArrayList<>(Documents.lines(document));
    int shift = 0;
    boolean changed = false;
    for (FencedBlock block : blocks) {
      Optional<String> sql = block.marked("statement").map(sent::get);
      if (sql.isPresent() && !SqlLayout.words(block.literal()).equals(SqlLayout.words(sql.get()))) {
        shift += Documents.replace(lines, block, shift, SqlLayout.laidOut(sql.get()));
        changed = true;
      }
    }
    if (changed) {
      Documents.write(document, lines);
    }
  }
}
