package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.POSTING_SIDES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.dropSchemaIfExists;
import static org.jooq.impl.DSL.sum;

import dev.racefree.AuditReport;
import dev.racefree.IdempotencyKey;
import dev.racefree.LedgerEntry;
import dev.racefree.Leg;
import dev.racefree.Posting;
import dev.racefree.Racefree;
import dev.racefree.db.RacefreeMigrations;
import dev.racefree.exception.DuplicateReferenceException;
import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.Credited;
import dev.racefree.result.LegsTransferred;
import dev.racefree.result.ReverseResult;
import dev.racefree.result.Reversed;
import dev.racefree.result.Transferred;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Double-entry postings: the other side of every movement, the caller's description, the chain. */
@ExtendWith(PostgresExtension.class)
class PostingsTest {

  @Test
  void a_deposit_is_a_posting_against_the_default_external_account_whose_balance_is_derived(
      Racefree rf, DSLContext dsl) {
    // tag::deposit[]
    long alice = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(alice, 500); // from the default external account, "external:EUR"
    long world = rf.accounts().defaultExternal("EUR");
    // end::deposit[]
    LedgerEntry entry = history(rf, alice).getLast();
    assertThat(entry.counterpartyId()).isEqualTo(world);
    assertThat(rf.accounts().external("external:EUR")).contains(world);
    // Every side of the posting, the external one included, sums to zero.
    BigDecimal sides =
        dsl.select(sum(POSTING_SIDES.AMOUNT))
            .from(POSTING_SIDES)
            .where(POSTING_SIDES.POSTING_ID.eq(entry.postingId()))
            .fetchSingle()
            .value1();
    assertThat(sides).isEqualByComparingTo("0");
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void deposits_from_one_external_account_never_wait_on_its_row_and_it_holds_minus_their_sum(
      Racefree rf) throws Exception {
    // tag::external[]
    long psp = rf.accounts().openExternal("psp:" + UUID.randomUUID(), "EUR");
    long bob = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(bob, 70, Posting.of().external(psp).reference("payout-1"));
    // end::external[]
    long[] accounts = new long[16];
    for (int i = 0; i < accounts.length; i++) {
      accounts[i] = rf.accounts().open("depositor " + i, "EUR");
    }
    int threads = 16;
    int each = 25;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long account = accounts[t];
        done.add(
            pool.submit(() -> {
              start.await();
              int credited = 0;
              for (int i = 0; i < each; i++) {
                if (rf.accounts().credit(account, 2, Posting.of().external(psp))
                    instanceof Credited) {
                  credited++;
                }
              }
              return credited;
            }));
      }
      for (Future<Integer> f : done) {
        assertThat(f.get()).isEqualTo(each);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(rf.accounts().balance(psp)).isEqualTo(-(70L + 2L * threads * each));
    assertThat(rf.accounts().balance(bob)).isEqualTo(70);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void an_external_account_of_another_currency_or_an_internal_one_is_refused_and_nothing_changes(
      Racefree rf) {
    long usd = rf.accounts().openExternal("bank:" + UUID.randomUUID(), "USD");
    long carol = rf.accounts().open("carol", "EUR");
    long dave = rf.accounts().open("dave", "EUR");
    assertThatThrownBy(() -> rf.accounts().credit(carol, 5, Posting.of().external(usd)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("posting");
    assertThatThrownBy(() -> rf.accounts().credit(carol, 5, Posting.of().external(dave)))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(rf.accounts().balance(carol)).isZero();
    // An external account's own row takes no balance change.
    assertThat(rf.accounts().credit(usd, 5)).isNotInstanceOf(Credited.class);
    assertThat(rf.accounts().debit(usd, 5)).isNotInstanceOf(dev.racefree.result.Debited.class);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void references_codes_and_metadata_round_trip_on_every_movement(Racefree rf) {
    long a = rf.accounts().open("erin", "EUR");
    long b = rf.accounts().open("frank", "EUR");
    // tag::posting[]
    Posting payment = Posting.of().reference("payment-12").code(1).metadata("order", "7f3a");
    rf.accounts().credit(a, 100, payment);
    // end::posting[]
    rf.accounts().debit(a, 10, Posting.of().reference("fee-12").code(2));
    Transferred t =
        (Transferred) rf.accounts().transfer(a, b, 20, Posting.of().reference("split").code(3));
    LegsTransferred legs =
        (LegsTransferred)
            rf.transfers()
                .transfer(List.of(new Leg(a, b, 5), new Leg(b, a, 1)), Posting.of().code(4));
    rf.accounts().debitUpTo(a, 1, Posting.of().reference("sweep"));
    List<LedgerEntry> entries = history(rf, a);
    assertThat(entries)
        .extracting(LedgerEntry::reference)
        .containsExactly("payment-12", "fee-12", "split", null, null, "sweep");
    assertThat(entries).extracting(LedgerEntry::code).containsExactly(1, 2, 3, 4, 4, null);
    assertThat(entries.getFirst().metadata()).isEqualTo(Map.of("order", "7f3a"));
    assertThat(t.fromBalance()).isEqualTo(70);
    // A transfer's sides share its posting, each naming the other account.
    LedgerEntry out = entries.get(2);
    LedgerEntry in = history(rf, b).getFirst();
    assertThat(in.postingId()).isEqualTo(out.postingId());
    assertThat(out.counterpartyId()).isEqualTo(b);
    assertThat(in.counterpartyId()).isEqualTo(a);
    assertThat(in.reference()).isEqualTo("split");
    UUID split = out.correlationId();
    assertThat(split).isNotNull();
    ReverseResult reversed = rf.ledger().reverse(split, Posting.of().reference("undo split"));
    assertThat(reversed).isInstanceOf(Reversed.class);
    assertThat(history(rf, a).getLast().reference()).isEqualTo("undo split");
    assertThat(legs.correlationId()).isNotNull();
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void the_posting_is_part_of_the_idempotency_fingerprint(Racefree rf) {
    long a = rf.accounts().open("gina", "EUR");
    IdempotencyKey key = IdempotencyKey.of("postings", UUID.randomUUID().toString());
    Posting first = Posting.of().reference("order-1");
    assertThat(rf.accounts().credit(a, 10, first, key)).isEqualTo(new Credited(10));
    assertThat(rf.accounts().credit(a, 10, first, key)).isEqualTo(new Credited(10));
    assertThatThrownBy(() -> rf.accounts().credit(a, 10, Posting.of().reference("order-2"), key))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThatThrownBy(() -> rf.accounts().credit(a, 10, key))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThat(rf.accounts().balance(a)).isEqualTo(10);
  }

  @Test
  void a_unique_reference_is_taken_once_per_account_however_many_race_for_it(Racefree rf)
      throws Exception {
    long a = rf.accounts().open("hana", "EUR");
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    int credited = 0;
    int refused = 0;
    try {
      List<Future<Boolean>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(() -> {
              start.await();
              try {
                rf.accounts().credit(a, 5, Posting.of().uniqueReference("payment-99"));
                return true;
              } catch (DuplicateReferenceException e) {
                return false;
              }
            }));
      }
      for (Future<Boolean> f : done) {
        if (f.get()) {
          credited++;
        } else {
          refused++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(credited).isEqualTo(1);
    assertThat(refused).isEqualTo(threads - 1);
    assertThat(rf.accounts().balance(a)).isEqualTo(5);
    // Another account may carry it, and a plain reference may repeat.
    long b = rf.accounts().open("ivan", "EUR");
    rf.accounts().credit(b, 5, Posting.of().uniqueReference("payment-99"));
    rf.accounts().credit(a, 5, Posting.of().reference("payment-99"));
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void bad_descriptions_are_refused_before_any_sql() {
    assertThatThrownBy(() -> Posting.of().reference(" "))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Posting.of().reference("x".repeat(201)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("reference");
    assertThatThrownBy(() -> Posting.of().reference("a\u0000b"))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Posting.of().metadata("k".repeat(41), "v"))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Posting.of().external(0)).isInstanceOf(InvalidArgumentException.class);
    Posting many = Posting.of();
    for (int i = 0; i < Posting.MAX_METADATA_ENTRIES; i++) {
      many = many.metadata("k" + i, "v");
    }
    Posting full = many;
    assertThatThrownBy(() -> full.metadata("one", "more"))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void verify_catches_a_one_sided_entry_forged_by_the_owner_and_a_superuser_edit(Admin admin) {
    String schema = "racefree_forged";
    DSLContext dsl = admin.dsl();
    dsl.execute(dropSchemaIfExists(schema).cascade());
    try {
      DataSource dataSource = admin.dataSource();
      RacefreeMigrations.migrate(dataSource, schema);
      Racefree rf = mapped(dataSource, schema);
      long a = rf.accounts().open("jo", "EUR");
      long b = rf.accounts().open("kim", "EUR");
      rf.accounts().credit(a, 100, Posting.of().reference("genuine"));
      rf.accounts().transfer(a, b, 30);
      rf.accounts().credit(b, 5);
      assertThat(rf.verify()).isEqualTo(AuditReport.clean());

      // A superuser rewrites an entry's reference, triggers off: balances still add up.
      long edited = history(rf, a).getFirst().id();
      dsl.execute("alter table " + schema + ".ledger_entries disable trigger user");
      dsl.execute(
          "update " + schema + ".ledger_entries set reference = 'forged' where id = ?", edited);
      dsl.execute("alter table " + schema + ".ledger_entries enable trigger user");
      AuditReport edit = rf.verify();
      assertThat(edit.chainBreaks()).containsExactly(new AuditReport.ChainBreak(a, edited));
      assertThat(edit.balanceMismatches()).isEmpty();
      assertThat(edit.unbalancedPostings()).isEmpty();

      // The owner forges money: an entry and a balance with no other side.
      UUID forged = UUID.randomUUID();
      dsl.execute(
          "with u as (update "
              + schema
              + ".accounts set balance = balance + 50 where id = ? returning id, balance, chain)"
              + " insert into "
              + schema
              + ".ledger_entries (account_id, amount, balance_after, kind, posting_id, hash)"
              + " select id, 50, balance, 'credit', ?, chain from u",
          b,
          forged);
      AuditReport forgery = rf.verify();
      assertThat(forgery.balanceMismatches()).isEmpty(); // the forger kept balance = sum(entries)
      assertThat(forgery.unbalancedPostings())
          .containsExactly(new AuditReport.UnbalancedPosting(forged, 50, 1));
      assertThat(forgery.unbalancedCurrencies())
          .containsExactly(new AuditReport.UnbalancedCurrency("EUR", 50));
      assertThat(forgery.chainBreaks()).contains(new AuditReport.ChainBreak(b, 0));
    } finally {
      dsl.execute(dropSchemaIfExists(schema).cascade());
    }
  }

  private static List<LedgerEntry> history(Racefree rf, long account) {
    return rf.ledger()
        .history(account, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"), 0, 1000);
  }

  private static Racefree mapped(DataSource dataSource, String schema) {
    return Racefree.using(
        DSL.using(
            dataSource,
            SQLDialect.POSTGRES,
            new Settings()
                .withRenderMapping(
                    new RenderMapping()
                        .withSchemata(
                            new MappedSchema()
                                .withInput(RacefreeMigrations.SCHEMA)
                                .withOutput(schema)))));
  }
}
