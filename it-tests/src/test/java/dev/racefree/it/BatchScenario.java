package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.BatchOptions;
import dev.racefree.Batching;
import dev.racefree.EntryQuery;
import dev.racefree.IdempotencyKey;
import dev.racefree.LedgerEntry;
import dev.racefree.Posting;
import dev.racefree.Racefree;
import dev.racefree.result.Credited;
import dev.racefree.result.Debited;
import dev.racefree.result.Held;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.Transferred;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Every batched operation in one batch, with exact expected results, after {@link Scenario}: its
 * set-based statements (multi-row VALUES, keys, holds, postings with unique references) under each
 * configuration of the settings matrix. The batch is made one by holding alice's row lock while the
 * requests queue.
 */
final class BatchScenario {

  private BatchScenario() {}

  static void run(Racefree rf, DataSource dataSource, Scenario.Accounts accounts) throws Exception {
    long alice = accounts.alice(); // Scenario.ALICE_AFTER = 38
    long bob = accounts.bob(); // Scenario.BOB_AFTER = 20
    IdempotencyKey key = IdempotencyKey.of("matrix-batch", UUID.randomUUID().toString());
    Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
    // Postings with unique references: the batch reads what they are checked against.
    String run = UUID.randomUUID().toString();
    Posting posted = Posting.of().uniqueReference("credit-" + run).code(7).metadata("m", "1");
    Posting held = Posting.of().uniqueReference("hold-" + run).metadata("m", "2");
    long holdId;
    try (Batching batching = rf.batching(BatchOptions.defaults().withConnections(1));
        Connection locker = dataSource.getConnection()) {
      locker.setAutoCommit(false);
      DSL.using(locker)
          .select(ACCOUNTS.ID)
          .from(ACCOUNTS)
          .where(ACCOUNTS.ID.eq(alice))
          .forUpdate()
          .fetch();
      var gate = batching.debitAsync(alice, 1);
      Blocked.awaitWaiters(DSL.using(dataSource, SQLDialect.POSTGRES), 1, Duration.ofSeconds(30));
      var debit = batching.debitAsync(bob, 5, key);
      var again = batching.debitAsync(bob, 5, key);
      var credit = batching.creditAsync(alice, 3, posted);
      var transfer = batching.transferAsync(bob, alice, 2);
      var hold = batching.holdAsync(alice, 40, tomorrow, held);
      var tooMuch = batching.holdAsync(alice, 10, tomorrow);
      locker.rollback();
      assertThat(gate.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(37));
      assertThat(debit.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(15));
      assertThat(again.get()).isEqualTo(new Debited(15));
      assertThat(credit.get()).isEqualTo(new Credited(40));
      assertThat(transfer.get()).isEqualTo(new Transferred(13, 42));
      assertThat(hold.get()).isInstanceOf(Held.class).extracting("available").isEqualTo(2L);
      holdId = ((Held) hold.get()).holdId();
      assertThat(tooMuch.get()).isEqualTo(new InsufficientFunds(2));
      assertThat(batching.stats().max()).isEqualTo(6);
    }
    assertThat(rf.accounts().debit(bob, 5, key)).isEqualTo(new Debited(15));
    LedgerEntry credited =
        rf.ledger().entries(EntryQuery.byReference("credit-" + run), 10).entries().getFirst();
    assertThat(credited.code()).isEqualTo(7);
    assertThat(credited.metadata()).isEqualTo(java.util.Map.of("m", "1"));
    assertThat(rf.holds().available(alice)).isEqualTo(2);
    // The batched hold kept its posting for its capture.
    assertThat(rf.holds().capture(holdId, 40)).isInstanceOf(dev.racefree.result.Captured.class);
    assertThat(rf.ledger().entries(EntryQuery.byReference("hold-" + run), 10).entries())
        .singleElement()
        .extracting(LedgerEntry::metadata)
        .isEqualTo(java.util.Map.of("m", "2"));
    // Batched spends count in velocity limits, checked under the batch's row locks.
    long card = rf.accounts().open("card", "EUR");
    rf.accounts().credit(card, 100);
    rf.limits()
        .setVelocity(
            card, dev.racefree.VelocityLimit.count("daily", dev.racefree.Period.total(), 2));
    try (Batching batching = rf.batching(BatchOptions.defaults().withConnections(1))) {
      assertThat(batching.debit(card, 10)).isEqualTo(new Debited(90));
      assertThat(batching.hold(card, 10, tomorrow)).isInstanceOf(Held.class);
      assertThat(batching.transfer(card, bob, 10))
          .isInstanceOf(dev.racefree.result.VelocityLimitExceeded.class);
    }
    assertThat(rf.limits().velocity(card).getFirst().count()).isEqualTo(2);
    assertThat(rf.verify().isClean()).as(rf.verify().toString()).isTrue();
  }
}
