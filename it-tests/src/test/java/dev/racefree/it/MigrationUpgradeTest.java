package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.dropSchemaIfExists;

import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.db.RacefreeMigrations;
import dev.racefree.result.Debited;
import dev.racefree.result.InsufficientFunds;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every migration after the first upgrades a database that already holds data. */
@ExtendWith(PostgresExtension.class)
class MigrationUpgradeTest {

  private static final String SCHEMA = "racefree_upgrade";

  @Test
  void v3_turns_stored_outcomes_into_an_enum_and_keys_still_replay(
      DataSource dataSource, DSLContext dsl) {
    dsl.execute(dropSchemaIfExists(SCHEMA).cascade());
    try {
      // A database at V2, holding what V2 stored: an account and a key with a text outcome.
      org.flywaydb.core.Flyway v2 =
          org.flywaydb.core.Flyway.configure()
              .configuration(RacefreeMigrations.flyway(dataSource, SCHEMA).getConfiguration())
              .target("2")
              .load();
      v2.migrate();
      dsl.execute(
          "insert into racefree_upgrade.accounts (owner, currency, balance) values ('alice', 'EUR', 0)");
      long id = dsl.fetchSingle("select id from racefree_upgrade.accounts").get(0, Long.class);
      dsl.execute(
          "insert into racefree_upgrade.idempotency_keys (scope, key, fingerprint, outcome, balance, expires_at) "
              + "values ('s', 'poor', sha256(convert_to(?, 'UTF8')), 'insufficient_funds', 0, now() + interval '1 day')",
          "debit|" + id + "|5");

      assertThat(RacefreeMigrations.migrate(dataSource, SCHEMA)).isGreaterThanOrEqualTo(1);

      assertThat(
              dsl.fetchValue(
                  "select pg_typeof(outcome)::text from racefree_upgrade.idempotency_keys"))
          .isEqualTo(SCHEMA + ".key_outcome");
      Racefree rf =
          Racefree.using(
              DSL.using(
                  dataSource,
                  SQLDialect.POSTGRES,
                  new Settings()
                      .withRenderMapping(
                          new RenderMapping()
                              .withSchemata(
                                  new MappedSchema().withInput("racefree").withOutput(SCHEMA)))));
      rf.accounts().credit(id, 10);
      assertThat(rf.accounts().debit(id, 5, IdempotencyKey.of("s", "poor")))
          .isEqualTo(new InsufficientFunds(0));
      assertThat(rf.accounts().debit(id, 5, IdempotencyKey.of("s", "new")))
          .isEqualTo(new Debited(5));
    } finally {
      dsl.execute(dropSchemaIfExists(SCHEMA).cascade());
    }
  }
}
