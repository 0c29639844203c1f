package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.AuditReport;
import dev.racefree.BatchOptions;
import dev.racefree.Batching;
import dev.racefree.IdempotencyKey;
import dev.racefree.IssuedToken;
import dev.racefree.LedgerEntry;
import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.db.RacefreeMigrations;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.AccountFrozen;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.Held;
import dev.racefree.result.HoldResult;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.Redeemed;
import dev.racefree.result.Retried;
import dev.racefree.result.TransferResult;
import dev.racefree.result.Transferred;
import dev.racefree.result.VelocityLimitExceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's usage example, compiled and run. Keep the two in step. */
@ExtendWith(PostgresExtension.class)
class ReadmeExampleTest {

  @Test
  void the_readme_example_runs(Admin admin) {
    DataSource dataSource = admin.dataSource(); // the example migrates: as the schema's owner
    List<String> out = new ArrayList<>();
    // tag::usage[]
    RacefreeMigrations.migrate(dataSource); // schema racefree, its own history table
    DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    Racefree rf = Racefree.using(dsl);

    long id = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(id, 100); // minor units: 1.00 EUR

    switch (rf.accounts().debit(id, 100)) { // one conditional UPDATE, journaled with it
      case Debited d -> out.add("paid, balance " + d.balance());
      case InsufficientFunds f -> out.add("declined, available " + f.available());
      case AccountFrozen f -> out.add("declined, account frozen");
      case AccountClosed c -> out.add("declined, account closed");
      case VelocityLimitExceeded v -> out.add("declined, over " + v.limit());
      case NoSuchAccount n -> out.add("no account " + n.id());
    }

    rf.accounts()
        .withLock(
            id,
            LockPolicy.waitAtMost(Duration.ofSeconds(2)),
            locked -> {
              return locked.balance() == 0
                  ? locked.credit(500)
                  : locked.balance(); // read, decide, write
            });

    rf.accounts()
        .modify(id, RetryPolicy.attempts(5), balance -> balance * 2); // optimistic, retried

    // tag::tokens[]
    IssuedToken invite = rf.tokens().issue("invite", Instant.now().plus(Duration.ofDays(7)));
    if (rf.tokens().redeem(invite.value(), "bob") instanceof Redeemed r) {
      out.add("bob redeemed token " + r.tokenId());
    }
    // end::tokens[]
    // end::usage[]
    assertThat(out).containsExactly("paid, balance 0", "bob redeemed token " + invite.id());
    assertThat(rf.accounts().balance(id)).isEqualTo(1_000);
  }

  @Test
  void the_readme_money_movement_example_runs(DSLContext dsl) {
    Racefree rf = Racefree.using(dsl);
    long alice = rf.accounts().open("alice", "EUR");
    long bob = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(alice, 1_000);
    // tag::money[]
    IdempotencyKey key = IdempotencyKey.of("checkout", "order-7f3a"); // from the client's request
    TransferResult first =
        rf.accounts().transfer(alice, bob, 250, key); // locks both rows, lower id first
    TransferResult again =
        rf.accounts().transfer(alice, bob, 250, key); // a client retry: nothing runs again
    // first.equals(again): both are Transferred[fromBalance=750, toBalance=250]

    Retried<TransferResult> r =
        rf.inTransaction(
            RetryPolicy.attempts(5),
            tx -> {
              tx.accounts().debit(bob, 50); // one transaction, re-run whole
              return tx.accounts().transfer(bob, alice, 100); // on 40001 / 40P01
            });
    // r.attempts() says how many attempts it took

    AuditReport audit = rf.verify(); // balance == sum(ledger entries)?
    // audit.isClean()
    // end::money[]
    assertThat(first).isEqualTo(new Transferred(750, 250)).isEqualTo(again);
    assertThat(r.value()).isEqualTo(new Transferred(100, 850));
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(audit.isClean()).isTrue();
  }

  @Test
  void the_readme_holds_example_runs(DSLContext dsl) {
    Racefree rf = Racefree.using(dsl);
    long card = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(card, 10_000);
    long shop = rf.accounts().open("shop", "EUR");
    // tag::holds[]
    // Authorise now, charge later: the hold counts against available funds at once.
    HoldResult auth = rf.holds().hold(card, 2_500, Instant.now().plus(Duration.ofDays(7)));
    if (auth instanceof Held held) {
      rf.holds().capture(held.holdId(), 2_300); // charge 23.00, release the other 2.00
    }

    // Escrow: a held transfer pays the shop when captured; keys make retries safe.
    Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
    HoldResult escrow =
        rf.holds().holdTransfer(card, shop, 1_000, tomorrow, IdempotencyKey.of("orders", "o-42"));
    if (escrow instanceof Held held) {
      rf.holds().capture(held.holdId(), 1_000, IdempotencyKey.of("captures", "o-42"));
    }

    rf.limits().set(card, -50_000, null); // a credit line of 500.00
    rf.lifecycle().freeze(card); // no money out until unfrozen; credits still land
    rf.lifecycle().unfreeze(card);

    List<LedgerEntry> page = rf.ledger().history(card, Instant.EPOCH, Instant.now(), 0, 100);
    long yesterday = rf.ledger().balanceAt(card, Instant.now().minus(Duration.ofDays(1)));
    // end::holds[]
    assertThat(auth).isInstanceOf(Held.class);
    assertThat(rf.holds().available(card)).isEqualTo(6_700);
    assertThat(rf.accounts().balance(shop)).isEqualTo(1_000);
    assertThat(page).extracting(LedgerEntry::amount).containsExactly(10_000L, -2_300L, -1_000L);
    assertThat(yesterday).isZero();
  }

  @Test
  void the_readme_batching_example_runs(DSLContext dsl) throws Exception {
    Racefree rf = Racefree.using(dsl);
    long fees = rf.accounts().open("fees", "EUR");
    long a = rf.accounts().open("alice", "EUR");
    long b = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(fees, 100);
    rf.accounts().credit(a, 100);
    CompletableFuture<TransferResult> later;
    DebitResult now;
    // tag::batching[]
    // 1,000 requests per batch at most, 8 connections at most
    try (Batching batching = rf.batching(BatchOptions.defaults())) {
      DebitResult r = batching.debit(fees, 25); // answered after its batch commits
      CompletableFuture<TransferResult> f =
          batching.transferAsync(a, b, 10, IdempotencyKey.of("t", "1"));
      // end::batching[]
      now = r;
      later = f;
    }
    assertThat(now).isEqualTo(new Debited(75));
    assertThat(later.get()).isEqualTo(new Transferred(90, 10));
  }
}
