package dev.racefree.it;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.racefree.internal.schema.RacefreeSchema;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Table;

/** Every row of every racefree table, as text: equal snapshots mean nothing changed. */
final class Rows {

  private Rows() {}

  static List<String> all(DSLContext dsl) {
    List<String> rows = new ArrayList<>();
    for (Table<?> table : RacefreeSchema.RACEFREE.getTables()) {
      Table<?> t = table.as("t");
      dsl.select(field("{0}::text", String.class, name("t")))
          .from(t)
          .orderBy(1)
          .fetch()
          .forEach(r -> rows.add(table.getName() + ": " + r.value1()));
    }
    return rows;
  }
}
