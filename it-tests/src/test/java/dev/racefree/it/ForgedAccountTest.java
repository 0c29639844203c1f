package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Account;
import dev.racefree.Racefree;
import dev.racefree.result.ConcurrentModification;
import dev.racefree.result.Updated;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An {@link Account} that travelled through a form or a cache may have been built or edited by the
 * caller. The ledger is written from what the database changed, never from what the caller says it
 * read: a forged read either loses as {@link ConcurrentModification}, or its entry is the real
 * change. {@code verify()} stays clean either way.
 */
@ExtendWith(PostgresExtension.class)
class ForgedAccountTest {

  @Test
  void an_edited_balance_with_the_current_version_is_a_concurrent_modification(Racefree rf) {
    long id = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(id, 100);
    Account real = rf.accounts().find(id).orElseThrow();
    Account forged =
        new Account(id, real.owner(), real.currency(), 10, real.version(), real.updatedAt());

    assertThat(rf.accounts().update(forged, 50))
        .isEqualTo(new ConcurrentModification(id, real.version()));
    assertThat(rf.accounts().balance(id)).isEqualTo(100);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_built_account_that_matches_the_row_journals_the_real_change(Racefree rf) {
    long id = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(id, 100);
    Account real = rf.accounts().find(id).orElseThrow();
    // Built by hand from the id, balance and version a form sent back; owner and time are made up.
    Account built = new Account(id, "someone else", "USD", 100, real.version(), Instant.EPOCH);

    Updated updated = (Updated) rf.accounts().update(built, 40);
    assertThat(updated.account().balance()).isEqualTo(40);
    assertThat(updated.account().owner())
        .isEqualTo("bob"); // what the database holds, not what was sent
    assertThat(rf.verify().isClean()).as(rf.verify().toString()).isTrue();
  }

  @Test
  void an_edited_version_is_a_concurrent_modification(Racefree rf) {
    long id = rf.accounts().open("carol", "EUR");
    rf.accounts().credit(id, 100);
    Account real = rf.accounts().find(id).orElseThrow();
    Account forged =
        new Account(
            id,
            real.owner(),
            real.currency(),
            real.balance(),
            real.version() + 7,
            real.updatedAt());

    assertThat(rf.accounts().update(forged, 0)).isInstanceOf(ConcurrentModification.class);
    assertThat(rf.accounts().balance(id)).isEqualTo(100);
    assertThat(rf.verify().isClean()).isTrue();
  }
}
