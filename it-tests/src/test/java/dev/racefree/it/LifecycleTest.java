package dev.racefree.it;

import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.AccountState;
import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.AccountFrozen;
import dev.racefree.result.Credited;
import dev.racefree.result.Debited;
import dev.racefree.result.Held;
import dev.racefree.result.LockResult;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.NotEmpty;
import dev.racefree.result.Released;
import dev.racefree.result.StateChanged;
import dev.racefree.result.Transferred;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class LifecycleTest {

  private final Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);

  @Test
  void a_frozen_account_takes_credits_but_lets_no_money_out(Racefree rf) {
    long a = funded(rf, 100);
    long b = funded(rf, 100);
    long hold = ((Held) rf.holds().hold(a, 10, tomorrow)).holdId();
    assertThat(rf.lifecycle().freeze(a)).isEqualTo(new StateChanged(a, AccountState.FROZEN));
    assertThat(rf.accounts().debit(a, 1)).isEqualTo(new AccountFrozen(a));
    assertThat(rf.holds().hold(a, 1, tomorrow)).isEqualTo(new AccountFrozen(a));
    assertThat(rf.accounts().transfer(a, b, 1)).isEqualTo(new AccountFrozen(a));
    assertThat(rf.accounts().withLock(a, LockPolicy.noWait(), locked -> locked.debit(1)))
        .isEqualTo(new LockResult.Acquired<>(new AccountFrozen(a)));
    assertThat(rf.accounts().credit(a, 5)).isEqualTo(new Credited(105));
    assertThat(rf.accounts().transfer(b, a, 5)).isEqualTo(new Transferred(95, 110));
    assertThat(rf.holds().release(hold)).isEqualTo(new Released(hold));
    assertThat(rf.lifecycle().unfreeze(a)).isEqualTo(new StateChanged(a, AccountState.OPEN));
    assertThat(rf.accounts().debit(a, 110)).isEqualTo(new Debited(0));
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void an_account_closes_only_empty_and_then_takes_nothing(Racefree rf) {
    long a = funded(rf, 100);
    long b = funded(rf, 100);
    assertThat(rf.lifecycle().close(a)).isEqualTo(new NotEmpty(a, 100, 0));
    long hold = ((Held) rf.holds().hold(a, 100, tomorrow)).holdId();
    rf.holds().capture(hold, 40); // releases the other 60
    assertThat(rf.accounts().debit(a, 60)).isEqualTo(new Debited(0));
    assertThat(rf.lifecycle().close(a)).isEqualTo(new StateChanged(a, AccountState.CLOSED));

    assertThat(rf.accounts().debit(a, 1)).isEqualTo(new AccountClosed(a));
    assertThat(rf.accounts().credit(a, 1)).isEqualTo(new AccountClosed(a));
    assertThat(rf.accounts().transfer(b, a, 1)).isEqualTo(new AccountClosed(a));
    assertThat(rf.holds().hold(a, 1, tomorrow)).isEqualTo(new AccountClosed(a));
    assertThat(rf.limits().set(a, -100, null)).isEqualTo(new AccountClosed(a));
    assertThat(rf.lifecycle().freeze(a)).isEqualTo(new AccountClosed(a));
    assertThat(rf.lifecycle().close(a)).isEqualTo(new AccountClosed(a));
    assertThatThrownBy(
            () -> rf.accounts().withLock(a, LockPolicy.noWait(), locked -> locked.credit(1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("closed");
    assertThat(rf.accounts().balance(b)).isEqualTo(100);
    assertThat(rf.lifecycle().close(999_999)).isEqualTo(new NoSuchAccount(999_999));
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void closing_never_races_a_credit(Racefree rf) throws Exception {
    for (int round = 0; round < 10; round++) {
      long a = rf.accounts().open("racing", "EUR");
      AtomicReference<Object> closed = new AtomicReference<>();
      List<Object> credits =
          Race.run(
              32,
              (t, barrier) -> {
                if (t == 0) {
                  closed.set(rf.lifecycle().close(a));
                  return null;
                }
                return rf.accounts().credit(a, 1);
              });
      long credited = credits.stream().filter(Credited.class::isInstance).count();
      assertThat(rf.accounts().balance(a)).isEqualTo(credited);
      if (closed.get() instanceof StateChanged) {
        assertThat(credited).isZero(); // the close went first; every credit saw it
        assertThat(credits.subList(1, 32)).containsOnly(new AccountClosed(a));
      } else {
        assertThat(closed.get()).isInstanceOf(NotEmpty.class);
        assertThat(credited).isEqualTo(31);
      }
    }
    assertThat(rf.verify().isClean()).isTrue();
  }
}
