package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.db.RacefreeMigrations;
import dev.racefree.internal.schema.RacefreeSchema;
import dev.racefree.internal.schema.enums.EntryKind;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SchemaTest {

  @Test
  void migrating_an_empty_database_works_and_validate_is_clean(Admin admin) {
    DataSource ds = admin.dataSource(); // the owner migrates; the application role may not
    // The extension has just dropped the schema and migrated it from nothing.
    Flyway flyway = RacefreeMigrations.flyway(ds);
    assertThat(flyway.info().applied()).isNotEmpty();
    assertThat(flyway.info().pending()).isEmpty();
    assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
    assertThat(RacefreeMigrations.migrate(ds)).isZero();
  }

  @Test
  void racefree_keeps_its_own_history_table_inside_its_own_schema(DSLContext dsl) {
    Schema live = liveSchema(dsl);
    assertThat(live.getTable("flyway_schema_history")).isNotNull();
    assertThat(
            dsl.meta().getSchemas("public").stream()
                .flatMap(s -> s.getTables().stream())
                .map(Table::getName))
        .doesNotContain("flyway_schema_history", "accounts", "redemption_tokens");
  }

  @Test
  void the_generated_model_agrees_with_the_live_catalog(DSLContext dsl) {
    Schema live = liveSchema(dsl);
    List<String> liveTables =
        live.getTables().stream()
            .map(Table::getName)
            .filter(n -> !n.equals("flyway_schema_history"))
            .sorted()
            .toList();
    // Tables and views; a table-valued function (velocity_uses) is generated as a table too.
    List<Table<?>> relations =
        RacefreeSchema.RACEFREE.getTables().stream()
            .filter(t -> t.getTableType() != org.jooq.TableOptions.TableType.FUNCTION)
            .toList();
    List<String> generatedTables = relations.stream().map(Table::getName).sorted().toList();
    assertThat(generatedTables).isEqualTo(liveTables);

    for (Table<?> generated : relations) {
      Table<?> actual = live.getTable(generated.getName());
      assertThat(describe(generated)).as(generated.getName()).isEqualTo(describe(actual));
      assertThat(keyOf(generated)).as(generated.getName()).isEqualTo(keyOf(actual));
      assertThat(generated.getUniqueKeys()).hasSameSizeAs(actual.getUniqueKeys());
    }
  }

  /** The primary key's columns; none for a view. */
  private static List<String> keyOf(Table<?> table) {
    UniqueKey<?> key = table.getPrimaryKey();
    return key == null ? List.of() : key.getFields().stream().map(Field::getName).toList();
  }

  private static Schema liveSchema(DSLContext dsl) {
    List<Schema> schemas = dsl.meta().getSchemas(RacefreeMigrations.SCHEMA);
    assertThat(schemas).hasSize(1);
    return schemas.get(0);
  }

  @Test
  void generated_enums_have_the_live_labels_in_order(DSLContext dsl) {
    for (Class<? extends EnumType> type : List.of(EntryKind.class)) {
      EnumType[] constants = type.getEnumConstants();
      List<String> live =
          dsl.resultQuery(
                  "select e.enumlabel from pg_enum e join pg_type t on t.oid = e.enumtypid "
                      + "join pg_namespace n on n.oid = t.typnamespace where n.nspname = ? and t.typname = ? order by e.enumsortorder",
                  RacefreeMigrations.SCHEMA,
                  constants[0].getName())
              .fetch(0, String.class);
      assertThat(constants).extracting(EnumType::getLiteral).containsExactlyElementsOf(live);
    }
  }

  /**
   * Column name -> Java type and nullability, as jOOQ sees them. jOOQ's runtime catalog reads an
   * enum or a domain column as its type's name; the generated model knows the enum, whose labels
   * are checked against pg_enum above, and the domain.
   */
  private static Map<String, String> describe(Table<?> table) {
    return table
        .fieldStream()
        .collect(
            Collectors.toMap(
                Field::getName,
                f -> type(f) + (f.getDataType().nullable() ? " null" : " not null"),
                (a, b) -> a,
                java.util.TreeMap::new));
  }

  private static String type(Field<?> f) {
    if (f.getDataType().isArray() && f.getDataType().getArrayComponentDataType().isRecord()) {
      // jOOQ's live catalog knows a composite type's array only by its name, _velocity_limit.
      return "type _"
          + f.getDataType().getArrayComponentDataType().getTypeName().replaceAll(".*\\.", "");
    }
    org.jooq.Domain<?> domain = f.getDataType().getDomain();
    if (domain != null) {
      return "type " + domain.getName();
    }
    if (f.getDataType().isEnum() || f.getType() == Object.class) {
      return "type " + f.getDataType().getTypeName().replaceAll(".*\\.", "").replace("\"", "");
    }
    return f.getType().getName();
  }
}
