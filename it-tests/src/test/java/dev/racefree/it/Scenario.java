package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Account;
import dev.racefree.ChangeCursor;
import dev.racefree.ChangePage;
import dev.racefree.CodeRules;
import dev.racefree.IdempotencyKey;
import dev.racefree.IssuedCode;
import dev.racefree.IssuedToken;
import dev.racefree.LedgerEntry;
import dev.racefree.LockPolicy;
import dev.racefree.Period;
import dev.racefree.Racefree;
import dev.racefree.VelocityLimit;
import dev.racefree.VelocityUsage;
import dev.racefree.result.AlreadyRedeemed;
import dev.racefree.result.CodeExhausted;
import dev.racefree.result.CodeRedeemed;
import dev.racefree.result.ConcurrentModification;
import dev.racefree.result.Consumed;
import dev.racefree.result.Credited;
import dev.racefree.result.Debited;
import dev.racefree.result.Held;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.LockResult;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.QuotaExhausted;
import dev.racefree.result.Redeemed;
import dev.racefree.result.RedeemerLimitReached;
import dev.racefree.result.RedemptionAlreadyReversed;
import dev.racefree.result.RedemptionReversed;
import dev.racefree.result.ReservationReleased;
import dev.racefree.result.ReservationResult;
import dev.racefree.result.Reserved;
import dev.racefree.result.Transferred;
import dev.racefree.result.Updated;
import dev.racefree.result.VelocityLimitExceeded;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every core operation once, with exact expected results: debit, credit, withLock, optimistic
 * update, transfer, keyed debit, token redemption, quotas and codes. Run under each configuration
 * of the settings matrix; the balances it leaves are {@link #ALICE_AFTER} and {@link #BOB_AFTER}.
 */
final class Scenario {

  static final long ALICE_AFTER = 100 - 30 - 10 + 5 - 20 - 7;
  static final long BOB_AFTER = 20;

  /** The two accounts it opened. */
  record Accounts(long alice, long bob) {}

  private Scenario() {}

  static Accounts run(Racefree rf) {
    long alice = rf.accounts().open("alice", "EUR");
    long bob = rf.accounts().open("bob", "EUR");
    assertThat(rf.accounts().credit(alice, 100)).isEqualTo(new Credited(100));
    assertThat(rf.accounts().debit(alice, 30)).isEqualTo(new Debited(70));
    assertThat(rf.accounts().debit(alice, 71)).isEqualTo(new InsufficientFunds(70));
    assertThat(rf.accounts().debit(Long.MAX_VALUE, 1)).isEqualTo(new NoSuchAccount(Long.MAX_VALUE));

    assertThat(rf.accounts().withLock(alice, LockPolicy.noWait(), locked -> locked.debit(10)))
        .isEqualTo(new LockResult.Acquired<>(new Debited(60)));

    Account read = rf.accounts().find(alice).orElseThrow();
    assertThat(rf.accounts().update(read, 65)).isInstanceOf(Updated.class);
    assertThat(rf.accounts().update(read, 1))
        .isEqualTo(new ConcurrentModification(alice, read.version()));

    assertThat(rf.accounts().transfer(alice, bob, 20)).isEqualTo(new Transferred(45, 20));

    IdempotencyKey key = IdempotencyKey.of("matrix", UUID.randomUUID().toString());
    assertThat(rf.accounts().debit(alice, 7, key)).isEqualTo(new Debited(38));
    assertThat(rf.accounts().debit(alice, 7, key)).isEqualTo(new Debited(38));

    Instant later = Instant.now().plusSeconds(600);
    IssuedToken token = rf.tokens().issue("invite", later);
    assertThat(rf.tokens().redeem(token.value(), "carol")).isInstanceOf(Redeemed.class);
    assertThat(rf.tokens().redeem(token.value(), "dave")).isInstanceOf(AlreadyRedeemed.class);

    String quota = UUID.randomUUID().toString();
    Period day = Period.day(ZoneId.of("Asia/Tokyo"));
    assertThat(rf.quotas().consume("matrix", quota, 2, 3, day)).isEqualTo(new Consumed(1));
    assertThat(rf.quotas().consume("matrix", quota, 2, 3, day)).isInstanceOf(QuotaExhausted.class);
    IdempotencyKey once = IdempotencyKey.of("matrix", UUID.randomUUID().toString());
    assertThat(rf.quotas().consume("matrix", quota, 1, 3, day, once)).isEqualTo(new Consumed(0));
    assertThat(rf.quotas().consume("matrix", quota, 1, 3, day, once)).isEqualTo(new Consumed(0));
    assertThat(rf.quotas().release("matrix", quota, 1, day)).isEqualTo(2);
    assertThat(rf.quotas().used("matrix", quota, day)).isEqualTo(2);
    ReservationResult seat =
        rf.quotas().reserve("matrix", quota, 1, 3, day, Instant.now().plusSeconds(600));
    long reservation = ((Reserved) seat).reservationId();
    assertThat(seat).isEqualTo(new Reserved(reservation, 0));
    assertThat(rf.quotas().release(reservation)).isEqualTo(new ReservationReleased(reservation, 2));

    String chosen = "MATRIX-" + UUID.randomUUID();
    long code = rf.codes().create(chosen, "matrix", CodeRules.uses(2).validUntil(later));
    CodeRedeemed first = (CodeRedeemed) rf.codes().redeem(chosen, "erin");
    assertThat(first.codeId()).isEqualTo(code);
    assertThat(first.usesLeft()).isEqualTo(1);
    assertThat(rf.codes().redeem(chosen, "erin")).isEqualTo(new RedeemerLimitReached(code, 1));
    assertThat(rf.codes().redeem(chosen, "frank")).isInstanceOf(CodeRedeemed.class);
    assertThat(rf.codes().redeem(chosen, "gina")).isEqualTo(new CodeExhausted(code, 2));
    assertThat(rf.codes().reverse(first.redemptionId()))
        .isEqualTo(new RedemptionReversed(first.redemptionId(), code, 1));
    assertThat(rf.codes().reverse(first.redemptionId()))
        .isInstanceOf(RedemptionAlreadyReversed.class);
    assertThat(rf.codes().redeem(chosen, "gina")).isInstanceOf(CodeRedeemed.class);
    assertThat(rf.codes().state(code).orElseThrow().uses()).isEqualTo(2);
    IssuedCode generated = rf.codes().generate("matrix", CodeRules.uses(1).validUntil(later));
    assertThat(rf.codes().redeem(generated.value(), "hal")).isInstanceOf(CodeRedeemed.class);

    assertThat(rf.accounts().balance(alice)).isEqualTo(ALICE_AFTER);
    assertThat(rf.accounts().balance(bob)).isEqualTo(BOB_AFTER);
    assertThat(rf.verify().isClean()).as(rf.verify().toString()).isTrue();
    return new Accounts(alice, bob);
  }

  /**
   * After {@link #feed}: velocity limits, checked and counted by a debit, a hold and a transfer,
   * and their usage read back.
   */
  static void velocity(Racefree rf, Accounts accounts) {
    long card = rf.accounts().open("card", "EUR");
    rf.accounts().credit(card, 1_000);
    Period tokyo = Period.day(ZoneId.of("Asia/Tokyo"));
    rf.limits().setVelocity(card, VelocityLimit.amount("daily", tokyo, 100).andCount(3));
    assertThat(rf.accounts().debit(card, 60)).isEqualTo(new Debited(940));
    assertThat(rf.accounts().debit(card, 50)).isInstanceOf(VelocityLimitExceeded.class);
    assertThat(rf.holds().hold(card, 40, Instant.now().plusSeconds(600))).isInstanceOf(Held.class);
    assertThat(rf.accounts().transfer(card, accounts.bob(), 1))
        .isInstanceOf(VelocityLimitExceeded.class);
    assertThat(rf.limits().velocity(card))
        .extracting(VelocityUsage::amount, VelocityUsage::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(100L, 2L));
  }

  /**
   * Once {@link #run} committed: its seven entries through the change feed, a page of two at a
   * time, and through a consumer that stores its cursor.
   */
  static void feed(Racefree rf, Accounts accounts) {
    long alice = accounts.alice();
    long bob = accounts.bob();
    List<LedgerEntry> fed = new ArrayList<>();
    ChangeCursor cursor = ChangeCursor.START;
    ChangePage page;
    do {
      page = rf.ledger().changes(ChangeCursor.parse(cursor.toString()), 2);
      fed.addAll(page.entries());
      cursor = page.next();
    } while (!page.caughtUp());
    assertThat(fed)
        .filteredOn(e -> e.accountId() == alice)
        .extracting(LedgerEntry::amount)
        .containsExactly(100L, -30L, -10L, 5L, -20L, -7L);
    assertThat(fed).extracting(LedgerEntry::accountId).containsOnlyOnce(bob);
    assertThat(rf.ledger().pending(ChangeCursor.START)).isEqualTo(7);
    assertThat(rf.ledger().pending(cursor)).isZero();
    List<LedgerEntry> consumed = new ArrayList<>();
    while (!rf.ledger().consume("matrix", 3, (p, tx) -> consumed.addAll(p.entries())).caughtUp()) {
      // read on
    }
    assertThat(consumed).isEqualTo(fed);
  }
}
