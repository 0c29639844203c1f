package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static dev.racefree.internal.schema.Tables.REDEMPTION_TOKENS;
import static dev.racefree.internal.schema.Tables.STORED_RESPONSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.AuditReport;
import dev.racefree.IssuedToken;
import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.exception.ConstraintViolationException;
import dev.racefree.internal.schema.enums.EntryKind;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class LedgerTest {

  @Test
  void every_balance_change_writes_its_entry_and_balance_is_the_sum(Racefree rf, DSLContext dsl) {
    long a = rf.accounts().open("alice", "EUR");
    long b = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(a, 100);
    rf.accounts().debit(a, 10);
    rf.accounts().withLock(a, LockPolicy.noWait(), locked -> locked.debit(5));
    rf.accounts().withLock(a, LockPolicy.noWait(), locked -> locked.credit(7));
    rf.accounts().update(rf.accounts().find(a).orElseThrow(), 200);
    rf.accounts().modify(a, RetryPolicy.attempts(3), balance -> balance - 50);
    rf.accounts().transfer(a, b, 25);

    List<Long> amounts =
        dsl.select(LEDGER_ENTRIES.AMOUNT)
            .from(LEDGER_ENTRIES)
            .where(LEDGER_ENTRIES.ACCOUNT_ID.eq(a))
            .orderBy(LEDGER_ENTRIES.ID)
            .fetch(r -> r.value1());
    assertThat(amounts).containsExactly(100L, -10L, -5L, 7L, 108L, -50L, -25L);
    assertThat(
            dsl.select(LEDGER_ENTRIES.KIND)
                .from(LEDGER_ENTRIES)
                .where(LEDGER_ENTRIES.ACCOUNT_ID.eq(a))
                .orderBy(LEDGER_ENTRIES.ID)
                .fetch(r -> r.value1()))
        .containsExactly(
            EntryKind.credit,
            EntryKind.debit,
            EntryKind.debit,
            EntryKind.credit,
            EntryKind.adjustment,
            EntryKind.adjustment,
            EntryKind.transfer);
    assertThat(rf.accounts().balance(a)).isEqualTo(125);
    assertThat(rf.verify()).isEqualTo(AuditReport.clean());
  }

  @Test
  void entries_can_not_be_updated_deleted_or_truncated_even_by_the_owner(Admin admin) {
    DSLContext dsl = admin.dsl(); // the table's owner (and maybe a superuser): triggers refuse
    Racefree rf = Racefree.using(dsl);
    long a = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(a, 100);
    List<String> before = Rows.all(dsl);
    // The test's database user owns the table (and may be a superuser): triggers still refuse.
    for (Runnable tamper :
        List.<Runnable>of(
            () -> dsl.update(LEDGER_ENTRIES).set(LEDGER_ENTRIES.AMOUNT, 1_000_000L).execute(),
            () -> dsl.deleteFrom(LEDGER_ENTRIES).execute(),
            () -> dsl.truncate(LEDGER_ENTRIES).execute())) {
      assertThatThrownBy(tamper::run)
          .isInstanceOf(DataAccessException.class)
          .hasMessageContaining("append-only")
          .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("23001"));
    }
    assertThat(Rows.all(dsl)).isEqualTo(before);
    // Through racefree, the same refusal is classified by its SQLState.
    assertThatThrownBy(() ->
            rf.accounts()
                .withLock(
                    a,
                    LockPolicy.noWait(),
                    locked -> locked.dsl().deleteFrom(LEDGER_ENTRIES).execute()))
        .isInstanceOf(ConstraintViolationException.class);
  }

  @Test
  void the_application_role_may_not_touch_the_journal_or_the_schema(Racefree rf, DSLContext dsl) {
    long a = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(a, 100);
    String role = dsl.fetchSingle("select current_user").get(0, String.class);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        TestDatabase.APP_ROLE.equals(role), "runs where the tests run as the application role");
    for (Runnable refused :
        List.<Runnable>of(
            () -> dsl.update(LEDGER_ENTRIES).set(LEDGER_ENTRIES.AMOUNT, 1L).execute(),
            () -> dsl.deleteFrom(LEDGER_ENTRIES).execute(),
            () -> dsl.truncate(LEDGER_ENTRIES).execute(),
            () -> dsl.truncate(STORED_RESPONSES).execute(),
            () -> dsl.deleteFrom(dev.racefree.internal.schema.Tables.ACCOUNTS).execute(),
            () -> dsl.execute("create table racefree.intruder (id int)"),
            () -> dsl.execute("alter table racefree.accounts drop column held"))) {
      assertThatThrownBy(refused::run)
          .isInstanceOf(DataAccessException.class)
          .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("42501"));
    }
    assertThat(rf.accounts().balance(a)).isEqualTo(100);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void verify_reports_what_is_broken(Racefree rf, DSLContext dsl) {
    long a = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(a, 100);
    IssuedToken token = rf.tokens().issue("voucher", Instant.now().plusSeconds(60), "bob");
    rf.tokens().redeem(token.value(), "bob");
    assertThat(rf.verify().isClean()).isTrue();

    // Tamper behind racefree's back.
    dsl.update(ACCOUNTS).set(ACCOUNTS.BALANCE, 150L).where(ACCOUNTS.ID.eq(a)).execute();
    dsl.update(REDEMPTION_TOKENS).set(REDEMPTION_TOKENS.REDEEMED_BY, "mallory").execute();

    AuditReport report = rf.verify();
    assertThat(report.isClean()).isFalse();
    assertThat(report.balanceMismatches())
        .containsExactly(new AuditReport.BalanceMismatch(a, 150, 100));
    assertThat(report.tokenProblems())
        .containsExactly(
            new AuditReport.TokenProblem(token.id(), "redeemed by someone it was not issued to"));
  }
}
