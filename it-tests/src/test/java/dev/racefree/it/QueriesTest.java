package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.Balances;
import dev.racefree.CurrencyTotals;
import dev.racefree.EntryPage;
import dev.racefree.EntryQuery;
import dev.racefree.EntryQuery.Direction;
import dev.racefree.Ledger;
import dev.racefree.LedgerEntry;
import dev.racefree.Racefree;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.UnknownAccountException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ledger's queries give exactly the entries a brute-force filter over every entry gives, page
 * by page, each entry once; the balances, balances at instants and the books per currency are those
 * recomputed from the entries; bad input is refused before any SQL.
 */
@ExtendWith(PostgresExtension.class)
class QueriesTest {

  private static final Comparator<LedgerEntry> ORDER =
      Comparator.comparing(LedgerEntry::writtenAt).thenComparingLong(LedgerEntry::id);

  @Test
  void every_query_pages_through_exactly_the_entries_a_filter_selects(Racefree rf, Admin admin) {
    Journal j = Journal.write(admin.dsl(), 300, 1);
    List<EntryQuery> queries = queries(j);
    int nonEmpty = 0;
    for (int i = 0; i < queries.size(); i++) {
      EntryQuery q = queries.get(i);
      List<LedgerEntry> expected = expected(j, q);
      nonEmpty += expected.isEmpty() ? 0 : 1;
      for (int pageSize : i % 10 == 0 ? new int[] {1, 4, Ledger.MAX_PAGE} : new int[] {4, 1_000}) {
        assertThat(pages(rf, q, pageSize)).as("%s, pages of %d", q, pageSize).isEqualTo(expected);
      }
    }
    assertThat(nonEmpty).as("queries that select something").isGreaterThan(queries.size() / 2);
  }

  @Test
  void a_query_is_one_value_narrowed_step_by_step(Racefree rf, Admin admin) {
    Journal j = Journal.write(admin.dsl(), 300, 6);
    LedgerEntry deposit =
        j.entries().stream()
            .filter(e -> Integer.valueOf(7).equals(e.code()) && e.amount() > 0)
            .filter(e -> e.counterpartyId() != null && j.external().contains(e.counterpartyId()))
            .findFirst()
            .orElseThrow();
    long account = deposit.accountId();
    long bank = Objects.requireNonNull(deposit.counterpartyId());
    Instant from = Journal.BASE;
    Instant to = j.entries().getLast().writtenAt();
    // tag::query[]
    EntryQuery deposits =
        EntryQuery.byAccount(account)
            .counterparty(bank) // the postings between the account and its bank
            .code(7)
            .between(from, to) // event time, [from, to)
            .direction(Direction.IN);
    EntryPage page = rf.ledger().entries(deposits, 100);
    // end::query[]
    assertThat(page.entries()).isNotEmpty().isEqualTo(expected(j, deposits));
    assertThat(page.hasNext()).isFalse();
    UUID postingId = page.entries().getFirst().postingId();
    // tag::posting[]
    List<LedgerEntry> sides = rf.ledger().posting(postingId); // every side, in id order
    // end::posting[]
    assertThat(sides).containsExactly(page.entries().getFirst());
  }

  @Test
  void a_posting_has_all_its_sides_and_only_them(Racefree rf, Admin admin) {
    Journal j = Journal.write(admin.dsl(), 120, 2);
    Map<UUID, List<LedgerEntry>> byPosting =
        j.entries().stream().collect(Collectors.groupingBy(LedgerEntry::postingId));
    assertThat(byPosting.values()).anyMatch(sides -> sides.size() == 3);
    byPosting.forEach((id, sides) -> {
      assertThat(rf.ledger().posting(id)).isEqualTo(sides);
      assertThat(sides.stream().mapToLong(LedgerEntry::amount).sum() == 0)
          .isEqualTo(
              sides.getFirst().counterpartyId() == null
                  || !j.external().contains(sides.getFirst().counterpartyId()));
    });
    assertThat(rf.ledger().posting(UUID.randomUUID())).isEmpty();
  }

  @Test
  void balances_of_many_accounts_at_once_and_unknown_ids_named(Racefree rf, Admin admin) {
    Journal j = Journal.write(admin.dsl(), 200, 3);
    long unknown = 1_000_000;
    List<Long> asked = new ArrayList<>(j.internal());
    asked.addAll(j.external());
    asked.add(unknown);
    asked.add(j.internal().getFirst()); // twice: read once
    // tag::balances[]
    Balances balances = rf.ledger().balances(asked);
    // end::balances[]
    assertThat(balances.unknown()).containsExactly(unknown);
    assertThatThrownBy(() -> balances.of(unknown)).isInstanceOf(UnknownAccountException.class);
    assertThat(balances.balances().keySet())
        .containsExactlyElementsOf(asked.subList(0, asked.size() - 2));
    for (long id : j.internal()) {
      assertThat(balances.of(id)).isEqualTo(rf.accounts().balance(id)).isEqualTo(sum(j, id));
    }
    for (long x : j.external()) {
      assertThat(balances.of(x)).isEqualTo(derived(j, x, Instant.MAX));
    }
    assertThat(
            j.external().stream().mapToLong(balances::of).sum()
                + j.internal().stream().mapToLong(balances::of).sum())
        .isZero();
    assertThat(rf.ledger().balances(List.of()).balances()).isEmpty();
    List<Long> most = LongStream.rangeClosed(1, Ledger.MAX_BALANCES).boxed().toList();
    assertThat(rf.ledger().balances(most).unknown()).hasSize(most.size() - asked.size() + 2);
  }

  @Test
  void balances_at_instants_and_the_books_per_currency_are_recomputed_from_the_entries(
      Racefree rf, Admin admin) {
    Journal j = Journal.write(admin.dsl(), 200, 4);
    List<Instant> instants = new ArrayList<>();
    instants.add(Journal.BASE.minusSeconds(1));
    for (int i = 0; i < j.entries().size(); i += 17) {
      Instant t = j.entries().get(i).writtenAt();
      instants.add(t);
      instants.add(t.minusNanos(1_000));
    }
    instants.add(Instant.parse("9999-01-01T00:00:00Z"));
    for (Instant t : instants) {
      for (long id : j.internal()) {
        assertThat(rf.ledger().balanceAt(id, t))
            .as("account %d at %s", id, t)
            .isEqualTo(at(j, id, t));
      }
      for (long x : j.external()) {
        assertThat(rf.ledger().balanceAt(x, t))
            .as("external %d at %s", x, t)
            .isEqualTo(derived(j, x, t));
      }
      // tag::totals[]
      List<CurrencyTotals> books = rf.ledger().totalsAt(t);
      // end::totals[]
      assertThat(books).isEqualTo(expectedTotals(j, t));
      assertThat(books).allMatch(c -> c.sum() == 0);
    }
  }

  @Test
  void an_entry_written_after_a_cursor_appears_on_a_later_page(Racefree rf) {
    long a = rf.accounts().open("pager", "EUR");
    for (int i = 0; i < 5; i++) {
      rf.accounts().credit(a, 1 + i);
    }
    // tag::paging[]
    EntryQuery query = EntryQuery.byAccount(a).direction(Direction.IN);
    List<LedgerEntry> all = new ArrayList<>();
    EntryPage page = rf.ledger().entries(query, 2);
    all.addAll(page.entries());
    while (page.next() != null) {
      page = rf.ledger().entries(query, 2, page.next());
      all.addAll(page.entries());
    }
    // end::paging[]
    assertThat(all).extracting(LedgerEntry::amount).containsExactly(1L, 2L, 3L, 4L, 5L);
    EntryPage first = rf.ledger().entries(query, 4);
    rf.accounts().credit(a, 6);
    assertThat(rf.ledger().entries(query, 4, Objects.requireNonNull(first.next())).entries())
        .extracting(LedgerEntry::amount)
        .containsExactly(5L, 6L);
  }

  @Test
  void bad_input_is_refused_before_any_sql(DataSource dataSource) {
    AtomicInteger statements = new AtomicInteger();
    DSLContext counted =
        DSL.using(
            new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.POSTGRES)
                .set(
                    new DefaultExecuteListenerProvider(
                        new ExecuteListener() {
                          @Override
                          public void executeStart(ExecuteContext ctx) {
                            statements.incrementAndGet();
                          }
                        })));
    Racefree rf = Racefree.using(counted);
    Ledger ledger = rf.ledger();
    EntryQuery q = EntryQuery.byAccount(1);
    String other = "AQAAAAAAAAAAAAAAAAAAAAEAAAAA";
    statements.set(0);
    refused(() -> EntryQuery.byAccount(0), "accountId");
    refused(() -> EntryQuery.byCounterparty(-1), "counterpartyId");
    refused(() -> EntryQuery.byCode(1).account(-2), "accountId");
    refused(() -> EntryQuery.byReference(""), "reference");
    refused(() -> EntryQuery.byReference(" "), "reference");
    refused(() -> EntryQuery.byReference("x".repeat(201)), "reference");
    refused(() -> EntryQuery.byReference("a\u0000b"), "reference");
    refused(() -> q.between(null, Instant.EPOCH), "from");
    refused(() -> q.between(Instant.EPOCH, Instant.MAX), "to");
    refused(() -> q.between(Instant.EPOCH.plusSeconds(1), Instant.EPOCH), "to must not be before");
    refused(() -> q.direction(null), "direction");
    refused(() -> ledger.entries(null, 10), "query");
    refused(() -> ledger.entries(q, 0), "pageSize");
    refused(() -> ledger.entries(q, Ledger.MAX_PAGE + 1), "pageSize");
    refused(() -> ledger.entries(q, 10, null), "cursor");
    refused(() -> ledger.entries(q, 10, "not a cursor!"), "cursor");
    refused(() -> ledger.entries(q, 10, ""), "cursor");
    refused(() -> ledger.entries(q, 10, other), "cursor");
    refused(() -> ledger.posting(null), "postingId");
    refused(() -> ledger.balances(null), "accountIds");
    refused(() -> ledger.balances(java.util.Arrays.asList(1L, null)), "accountIds[1]");
    refused(() -> ledger.balances(List.of(1L, 0L)), "accountIds[1]");
    refused(
        () -> ledger.balances(LongStream.rangeClosed(1, Ledger.MAX_BALANCES + 1).boxed().toList()),
        "accountIds");
    refused(() -> ledger.balanceAt(0, Instant.EPOCH), "accountId");
    refused(() -> ledger.balanceAt(1, Instant.MIN), "at");
    refused(() -> ledger.totalsAt(null), "at");
    refused(() -> ledger.totalsAt(Instant.MAX), "at");
    assertThat(statements).as("statements sent").hasValue(0);
  }

  @Test
  void a_cursor_of_one_query_is_refused_by_another(Racefree rf) {
    long a = rf.accounts().open("pager", "EUR");
    rf.accounts().credit(a, 1);
    rf.accounts().credit(a, 2);
    String next = Objects.requireNonNull(rf.ledger().entries(EntryQuery.byAccount(a), 1).next());
    assertThatThrownBy(() -> rf.ledger().entries(EntryQuery.byAccount(a).code(1), 1, next))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("cursor belongs to another query");
    assertThat(rf.ledger().entries(EntryQuery.byAccount(a), 1, next).entries())
        .extracting(LedgerEntry::amount)
        .containsExactly(2L);
  }

  @ParameterizedTest
  @MethodSource("dev.racefree.it.SettingsMatrixTest#renderSettings")
  void the_same_answers_under_every_render_setting(
      Settings settings, DataSource dataSource, Admin admin) {
    Journal j = Journal.write(admin.dsl(), 80, 5);
    Racefree rf = Racefree.using(DSL.using(dataSource, SQLDialect.POSTGRES, settings));
    long a = j.internal().getFirst();
    Instant mid = j.entries().get(j.entries().size() / 2).writtenAt();
    for (EntryQuery q :
        List.of(
            EntryQuery.byAccount(a),
            EntryQuery.byAccount(a).between(Journal.BASE, mid).direction(Direction.OUT),
            EntryQuery.byCounterparty(j.external().getFirst()),
            EntryQuery.byCode(7),
            EntryQuery.byReference("inv-3").account(a))) {
      assertThat(pages(rf, q, 3)).as("%s", q).isEqualTo(expected(j, q));
    }
    UUID posting = j.entries().getLast().postingId();
    assertThat(rf.ledger().posting(posting))
        .isEqualTo(j.entries().stream().filter(e -> e.postingId().equals(posting)).toList());
    Balances b = rf.ledger().balances(List.of(a, j.external().getFirst(), 999_999L));
    assertThat(b.of(a)).isEqualTo(sum(j, a));
    assertThat(b.of(j.external().getFirst()))
        .isEqualTo(derived(j, j.external().getFirst(), Instant.MAX));
    assertThat(b.unknown()).containsExactly(999_999L);
    assertThat(rf.ledger().balanceAt(a, mid)).isEqualTo(at(j, a, mid));
    assertThat(rf.ledger().totalsAt(mid)).isEqualTo(expectedTotals(j, mid));
  }

  private static void refused(ThrowingCallable call, String argument) {
    assertThatThrownBy(call)
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining(argument);
  }

  /** Every page of {@code q}, each entry once: a page is full unless it is the last. */
  static List<LedgerEntry> pages(Racefree rf, EntryQuery q, int pageSize) {
    List<LedgerEntry> all = new ArrayList<>();
    EntryPage page = rf.ledger().entries(q, pageSize);
    while (true) {
      assertThat(page.entries()).hasSizeLessThanOrEqualTo(pageSize);
      all.addAll(page.entries());
      String next = page.next();
      if (next == null) {
        break;
      }
      assertThat(page.entries()).hasSize(pageSize);
      page = rf.ledger().entries(q, pageSize, next);
    }
    Set<Long> ids = new HashSet<>();
    assertThat(all).allMatch(e -> ids.add(e.id()), "each entry once");
    return all;
  }

  private static List<EntryQuery> queries(Journal j) {
    List<EntryQuery> qs = new ArrayList<>();
    Instant t1 = j.entries().get(j.entries().size() / 4).writtenAt();
    Instant t2 = j.entries().get(3 * j.entries().size() / 4).writtenAt();
    List<Long> everyone = new ArrayList<>(j.internal());
    everyone.addAll(j.external());
    for (long a : j.internal()) {
      qs.add(EntryQuery.byAccount(a));
      qs.add(EntryQuery.byAccount(a).direction(Direction.IN));
      qs.add(EntryQuery.byAccount(a).direction(Direction.OUT));
      qs.add(EntryQuery.byAccount(a).between(t1, t2));
      qs.add(EntryQuery.byAccount(a).between(t1, t1));
      qs.add(EntryQuery.byAccount(a).code(7).between(t1, t2).direction(Direction.IN));
      for (long x : everyone) {
        qs.add(EntryQuery.byAccount(a).counterparty(x));
      }
      qs.add(EntryQuery.byReference("inv-1").account(a));
    }
    for (long x : everyone) {
      qs.add(EntryQuery.byCounterparty(x));
      qs.add(EntryQuery.byCounterparty(x).between(t1, t2).direction(Direction.OUT));
    }
    for (int code : new int[] {1, 2, 7, 8}) {
      qs.add(EntryQuery.byCode(code));
      qs.add(EntryQuery.byCode(code).between(t1, t2));
      qs.add(EntryQuery.byCode(code).account(j.internal().getFirst()).direction(Direction.OUT));
    }
    for (int r = 0; r < 13; r++) {
      qs.add(EntryQuery.byReference("inv-" + r));
      qs.add(EntryQuery.byReference("inv-" + r).code(2).direction(Direction.IN));
    }
    return qs;
  }

  /** The brute-force answer: every entry, filtered in Java, in event time and id order. */
  private static List<LedgerEntry> expected(Journal j, EntryQuery q) {
    return j.entries().stream()
        .filter(e -> q.accountId() == null || e.accountId() == q.accountId())
        .filter(e -> q.counterpartyId() == null || q.counterpartyId().equals(e.counterpartyId()))
        .filter(e -> q.code() == null || q.code().equals(e.code()))
        .filter(e -> q.reference() == null || q.reference().equals(e.reference()))
        .filter(e ->
            q.from() == null
                || (!e.writtenAt().isBefore(q.from()) && e.writtenAt().isBefore(q.to())))
        .filter(e ->
            q.direction() == null
                || (q.direction() == Direction.IN ? e.amount() > 0 : e.amount() < 0))
        .sorted(ORDER)
        .toList();
  }

  private static long sum(Journal j, long account) {
    return j.entries().stream()
        .filter(e -> e.accountId() == account)
        .mapToLong(LedgerEntry::amount)
        .sum();
  }

  /** An internal account's balance at {@code t}: after its last entry by then. */
  private static long at(Journal j, long account, Instant t) {
    return j.entries().stream()
        .filter(e -> e.accountId() == account && !e.writtenAt().isAfter(t))
        .max(ORDER)
        .map(LedgerEntry::balanceAfter)
        .orElse(0L);
  }

  /** An external account's balance at {@code t}: minus what its counterparties' sides moved. */
  private static long derived(Journal j, long external, Instant t) {
    return -j.entries().stream()
        .filter(e -> Objects.equals(e.counterpartyId(), external) && !e.writtenAt().isAfter(t))
        .mapToLong(LedgerEntry::amount)
        .sum();
  }

  private static List<CurrencyTotals> expectedTotals(Journal j, Instant t) {
    Map<String, Long> internal = new TreeMap<>();
    Map<String, Map<Long, Long>> external = new TreeMap<>();
    j.currencyOf()
        .forEach((id, currency) -> {
          if (j.external().contains(id)) {
            external
                .computeIfAbsent(currency, c -> new LinkedHashMap<>())
                .put(id, derived(j, id, t));
          } else {
            internal.merge(currency, at(j, id, t), Long::sum);
          }
        });
    return external.entrySet().stream()
        .map(e ->
            new CurrencyTotals(e.getKey(), internal.getOrDefault(e.getKey(), 0L), e.getValue()))
        .toList();
  }
}
