package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.dropSchemaIfExists;

import dev.racefree.AuditReport;
import dev.racefree.IdempotencyKey;
import dev.racefree.LedgerEntry;
import dev.racefree.Racefree;
import dev.racefree.StoredResponse;
import dev.racefree.db.RacefreeMigrations;
import dev.racefree.result.Captured;
import dev.racefree.result.Debited;
import dev.racefree.result.Held;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.ResponseClaim;
import dev.racefree.result.Reversed;
import dev.racefree.result.Transferred;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
  void v3_turns_stored_outcomes_into_an_enum_and_keys_still_replay(Admin admin) {
    DataSource dataSource = admin.dataSource(); // the owner creates schemas and migrates
    DSLContext dsl = admin.dsl();
    dsl.execute(dropSchemaIfExists(SCHEMA).cascade());
    try {
      // A database at V2, holding what V2 stored: an account and a key with a text outcome.
      migrateTo(dataSource, "2");
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
      Racefree rf = mapped(dataSource);
      rf.accounts().credit(id, 10);
      assertThat(rf.accounts().debit(id, 5, IdempotencyKey.of("s", "poor")))
          .isEqualTo(new InsufficientFunds(0));
      assertThat(rf.accounts().debit(id, 5, IdempotencyKey.of("s", "new")))
          .isEqualTo(new Debited(5));
    } finally {
      dsl.execute(dropSchemaIfExists(SCHEMA).cascade());
    }
  }

  @Test
  void v4_adds_holds_and_limits_to_a_database_with_balances_and_every_invariant_holds(Admin admin) {
    DataSource dataSource = admin.dataSource(); // the owner creates schemas and migrates
    DSLContext dsl = admin.dsl();
    dsl.execute(dropSchemaIfExists(SCHEMA).cascade());
    try {
      migrateTo(dataSource, "3");
      // Balances and their entries as the previous version of racefree wrote them.
      long a = v3Account(dsl, "alice", 100);
      long b = v3Account(dsl, "bob", 5);

      assertThat(RacefreeMigrations.migrate(dataSource, SCHEMA)).isGreaterThanOrEqualTo(1);

      Racefree rf = mapped(dataSource);
      assertThat(rf.verify().isClean()).isTrue();
      long hold = ((Held) rf.holds().hold(a, 60, Instant.now().plusSeconds(3_600))).holdId();
      assertThat(rf.accounts().transfer(a, b, 41)).isEqualTo(new InsufficientFunds(40));
      assertThat(rf.holds().capture(hold, 60)).isEqualTo(new Captured(60, 40));
      assertThat(rf.accounts().transfer(a, b, 40)).isEqualTo(new Transferred(0, 45));
      assertThat(rf.verify().isClean()).isTrue();
    } finally {
      dsl.execute(dropSchemaIfExists(SCHEMA).cascade());
    }
  }

  @Test
  void v8_keeps_holds_and_keys_of_v7_and_keys_holds_from_then_on(Admin admin) {
    DataSource dataSource = admin.dataSource(); // the owner creates schemas and migrates
    DSLContext dsl = admin.dsl();
    dsl.execute(dropSchemaIfExists(SCHEMA).cascade());
    try {
      migrateTo(dataSource, "7");
      // What V7 stored: a balance with its entry, an active hold, and a keyed debit's outcome.
      long a = v3Account(dsl, "alice", 100);
      dsl.execute("update racefree_upgrade.accounts set held = 30 where id = ?", a);
      long hold =
          dsl.fetchSingle(
                  "insert into racefree_upgrade.holds (account_id, amount, expires_at)"
                      + " values (?, 30, now() + interval '1 hour') returning id",
                  a)
              .get(0, Long.class);
      dsl.execute(
          "insert into racefree_upgrade.hold_events (hold_id, state, amount) values (?, 'active', 30)",
          hold);
      dsl.execute(
          "insert into racefree_upgrade.idempotency_keys (scope, key, fingerprint, outcome, balance, expires_at) "
              + "values ('s', 'v7', sha256(convert_to(?, 'UTF8')), 'debited', 90, now() + interval '1 day')",
          "debit|" + a + "|10");

      assertThat(RacefreeMigrations.migrate(dataSource, SCHEMA)).isEqualTo(12); // V8 to V19

      Racefree rf = mapped(dataSource);
      assertThat(rf.verify().isClean()).isTrue();
      assertThat(rf.accounts().debit(a, 10, IdempotencyKey.of("s", "v7")))
          .isEqualTo(new Debited(90));
      assertThat(rf.holds().capture(hold, 30, IdempotencyKey.of("s", "capture")))
          .isEqualTo(new Captured(30, 70));
      assertThat(rf.holds().capture(hold, 30, IdempotencyKey.of("s", "capture")))
          .isEqualTo(new Captured(30, 70));
      assertThat(rf.holds().available(a)).isEqualTo(70);
      assertThat(rf.verify().isClean()).isTrue();
    } finally {
      dsl.execute(dropSchemaIfExists(SCHEMA).cascade());
    }
  }

  @Test
  void v10_adds_stored_responses_beside_the_keys_and_balances_of_v9(Admin admin) throws Exception {
    DataSource dataSource = admin.dataSource(); // the owner creates schemas and migrates
    DSLContext dsl = admin.dsl();
    dsl.execute(dropSchemaIfExists(SCHEMA).cascade());
    try {
      migrateTo(dataSource, "9");
      long a = v3Account(dsl, "alice", 100);
      dsl.execute(
          "insert into racefree_upgrade.idempotency_keys (scope, key, fingerprint, outcome, balance, expires_at) "
              + "values ('s', 'v9', sha256(convert_to(?, 'UTF8')), 'debited', 90, now() + interval '1 day')",
          "debit|" + a + "|10");

      assertThat(RacefreeMigrations.migrate(dataSource, SCHEMA)).isEqualTo(10); // V10 to V19

      Racefree rf = mapped(dataSource);
      assertThat(rf.accounts().debit(a, 10, IdempotencyKey.of("s", "v9")))
          .isEqualTo(new Debited(90));
      IdempotencyKey key = IdempotencyKey.of("http", "v10");
      StoredResponse ok = new StoredResponse(200, "text/plain", new byte[] {'o', 'k'});
      for (int i = 0; i < 2; i++) {
        try (Connection c = dataSource.getConnection()) {
          c.setAutoCommit(false);
          Racefree tx = mapped(c);
          ResponseClaim claim = tx.responses().claim(key, new byte[] {1}, Duration.ofSeconds(5));
          if (i == 0) {
            tx.accounts().debit(a, 5);
            tx.responses().complete((ResponseClaim.Claimed) claim, ok);
          } else {
            assertThat(claim).isEqualTo(new ResponseClaim.Replay(ok));
          }
          c.commit();
          c.setAutoCommit(true);
        }
      }
      assertThat(rf.accounts().balance(a)).isEqualTo(95);
      assertThat(rf.verify().isClean()).isTrue();
    } finally {
      dsl.execute(dropSchemaIfExists(SCHEMA).cascade());
    }
  }

  @Test
  void v11_turns_the_entries_of_v10_into_postings_chains_them_and_verify_is_clean(Admin admin) {
    DataSource dataSource = admin.dataSource(); // the owner creates schemas and migrates
    DSLContext dsl = admin.dsl();
    dsl.execute(dropSchemaIfExists(SCHEMA).cascade());
    try {
      migrateTo(dataSource, "10");
      // What V10 wrote: single-sided credits and debits, a transfer's two legs under one
      // correlation id, in two currencies.
      long a = v3Account(dsl, "alice", 100);
      long b = v3Account(dsl, "bob", 40);
      long usd =
          dsl.fetchSingle(
                  "insert into racefree_upgrade.accounts (owner, currency, balance)"
                      + " values ('carol', 'USD', 7) returning id")
              .get(0, Long.class);
      dsl.execute(
          "insert into racefree_upgrade.ledger_entries (account_id, amount, balance_after, kind)"
              + " values (?, 7, 7, 'credit')",
          usd);
      UUID transfer = UUID.randomUUID();
      dsl.execute("update racefree_upgrade.accounts set balance = 75 where id = ?", a);
      dsl.execute("update racefree_upgrade.accounts set balance = 65 where id = ?", b);
      dsl.execute(
          "insert into racefree_upgrade.ledger_entries"
              + " (account_id, amount, balance_after, kind, correlation_id)"
              + " values (?, -25, 75, 'transfer', ?), (?, 25, 65, 'transfer', ?)",
          a,
          transfer,
          b,
          transfer);

      assertThat(RacefreeMigrations.migrate(dataSource, SCHEMA)).isEqualTo(9); // V11 to V19

      Racefree rf = mapped(dataSource);
      assertThat(rf.verify()).isEqualTo(AuditReport.clean());
      long eur = rf.accounts().defaultExternal("EUR");
      assertThat(rf.accounts().balance(eur)).isEqualTo(-140);
      assertThat(rf.accounts().balance(rf.accounts().defaultExternal("USD"))).isEqualTo(-7);
      List<LedgerEntry> legs =
          rf.ledger().history(a, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"), 0, 10);
      assertThat(legs.getLast().postingId()).isEqualTo(transfer);
      assertThat(legs.getLast().counterpartyId()).isEqualTo(b);
      assertThat(legs.getFirst().counterpartyId()).isEqualTo(eur);
      // The chains go on from the heads the migration computed.
      rf.accounts().credit(a, 5);
      rf.accounts().transfer(b, a, 5);
      assertThat(rf.ledger().reverse(transfer)).isInstanceOf(Reversed.class);
      long newcomer = rf.accounts().open("dan", "EUR");
      rf.accounts().credit(newcomer, 1);
      assertThat(rf.verify()).isEqualTo(AuditReport.clean());
    } finally {
      dsl.execute(dropSchemaIfExists(SCHEMA).cascade());
    }
  }

  private static long v3Account(DSLContext dsl, String owner, long balance) {
    long id =
        dsl.fetchSingle(
                "insert into racefree_upgrade.accounts (owner, currency, balance) values (?, 'EUR', ?)"
                    + " returning id",
                owner,
                balance)
            .get(0, Long.class);
    dsl.execute(
        "insert into racefree_upgrade.ledger_entries (account_id, amount, balance_after, kind)"
            + " values (?, ?, ?, 'credit')",
        id,
        balance,
        balance);
    return id;
  }

  /** Schema {@value #SCHEMA} as an earlier racefree left it: migrated up to {@code version}. */
  private static void migrateTo(DataSource dataSource, String version) {
    org.flywaydb.core.Flyway.configure()
        .configuration(RacefreeMigrations.flyway(dataSource, SCHEMA).getConfiguration())
        .target(version)
        .load()
        .migrate();
  }

  private static Racefree mapped(DataSource dataSource) {
    return Racefree.using(DSL.using(dataSource, SQLDialect.POSTGRES, mapping()));
  }

  /** racefree on one connection the caller opened a transaction on. */
  private static Racefree mapped(Connection connection) {
    return Racefree.using(DSL.using(connection, SQLDialect.POSTGRES, mapping()));
  }

  private static Settings mapping() {
    return new Settings()
        .withRenderMapping(
            new RenderMapping()
                .withSchemata(new MappedSchema().withInput("racefree").withOutput(SCHEMA)));
  }
}
