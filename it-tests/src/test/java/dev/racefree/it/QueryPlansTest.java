package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.EntryQuery;
import dev.racefree.EntryQuery.Direction;
import dev.racefree.internal.ledger.Cursor;
import dev.racefree.internal.ledger.Queries;
import dev.racefree.lab.queries.QueryJournal;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.conf.ParamType;
import org.jooq.conf.SettingsTools;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every ledger query, rendered as racefree renders it and with its bind values, is planned by
 * PostgreSQL over a journal of {@value #ENTRIES} entries as a scan of the index meant for it, and
 * never as a sequential scan of {@code ledger_entries}: with the values bound (the plans of a
 * statement's first executions) and as the generic plan a prepared statement settles on. The
 * journal is the lab's {@link QueryJournal}, the one {@code ./racelab queries} measures.
 */
@ExtendWith(PostgresExtension.class)
class QueryPlansTest {

  static final int ENTRIES = 1_000_000;
  static final int ACCOUNTS = ENTRIES / 500;
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  /**
   * A statement, and the indexes its plan must scan: every one of {@code indexes}, when it names
   * more than one; otherwise that one. {@code oneOf}: at least one of them, whichever the planner
   * finds cheaper.
   */
  private record Case(String name, ResultQuery<?> query, Set<String> indexes, boolean oneOf) {
    Case(String name, ResultQuery<?> query, Set<String> indexes) {
      this(name, query, indexes, false);
    }
  }

  @TestFactory
  Stream<DynamicTest> every_query_scans_its_index_and_never_the_whole_journal(
      Admin admin, DSLContext dsl) {
    QueryJournal.Timings t = QueryJournal.build(admin.dsl(), ENTRIES, ACCOUNTS);
    System.out.printf(
        "[plan] %,d entries inserted in %.1f s, indexed in %.1f s, vacuumed and analyzed in %.1f s%n",
        ENTRIES, t.insert(), t.index(), t.vacuum());
    QueryJournal.Ids ids = QueryJournal.ids(admin.dsl());
    long a = ids.firstInternal() + ACCOUNTS / 2;
    long b = a + 5; // same currency: the journal's transfers stay within one
    Instant from = START.plusSeconds(ENTRIES / 3);
    Instant to = from.plusSeconds(ENTRIES / 100);
    String reference = "ref-" + ENTRIES / 4;
    UUID posting = QueryJournal.posting(ENTRIES / 4);
    OffsetDateTime mid = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
    String accountTime = "ledger_entries_account_time";
    String counterparty = "ledger_entries_counterparty";
    String between = "ledger_entries_account_counterparty";
    List<Case> cases = new ArrayList<>();
    page(cases, dsl, "account", EntryQuery.byAccount(a), Set.of(accountTime));
    page(
        cases,
        dsl,
        "account in a time range, money in, one code",
        EntryQuery.byAccount(a).between(from, to).direction(Direction.IN).code(7),
        Set.of(accountTime));
    page(
        cases,
        dsl,
        "account and internal counterparty",
        EntryQuery.byAccount(a).counterparty(b),
        Set.of(between));
    page(
        cases,
        dsl,
        "account and external counterparty",
        EntryQuery.byAccount(a).counterparty(ids.externalEur()),
        Set.of(between));
    page(
        cases,
        dsl,
        "external counterparty",
        EntryQuery.byCounterparty(ids.externalEur()),
        Set.of(counterparty));
    page(
        cases,
        dsl,
        "external counterparty in a time range, money out",
        EntryQuery.byCounterparty(ids.externalEur()).between(from, to).direction(Direction.OUT),
        Set.of(counterparty));
    page(cases, dsl, "code", EntryQuery.byCode(7), Set.of("ledger_entries_code"));
    page(
        cases,
        dsl,
        "code in a time range",
        EntryQuery.byCode(7).between(from, to),
        Set.of("ledger_entries_code"));
    page(
        cases,
        dsl,
        "reference",
        EntryQuery.byReference(reference),
        Set.of("ledger_entries_reference"));
    page(
        cases,
        dsl,
        "reference in one account",
        EntryQuery.byReference(reference)
            .account(QueryJournal.accountOf(ids, ENTRIES / 2, ACCOUNTS)),
        Set.of("ledger_entries_reference"));
    cases.add(
        new Case("posting", Queries.postingQuery(dsl, posting), Set.of("ledger_entries_posting")));
    Long[] many = new Long[100];
    for (int i = 0; i < many.length; i++) {
      many[i] = i % 10 == 0 ? ids.externalEur() + i % 3 : ids.firstInternal() + i * 7L;
    }
    cases.add(
        new Case(
            "balances of 100 accounts, externals among them",
            Queries.balancesQuery(dsl, many),
            // The accounts themselves may be read by a scan of that small table (PostgreSQL 15
            // does); the journal must be read through the index.
            Set.of(counterparty)));
    cases.add(
        new Case("balance at, internal", Queries.balanceAtQuery(dsl, a, mid), Set.of(accountTime)));
    cases.add(
        new Case(
            "balance at, external",
            Queries.balanceAtQuery(dsl, ids.externalEur(), mid),
            Set.of(counterparty)));
    cases.add(
        new Case(
            "books per currency at an instant",
            Queries.totalsQuery(dsl, mid),
            Set.of(accountTime, counterparty)));
    return cases.stream()
        .map(c ->
            DynamicTest.dynamicTest(
                c.name(),
                () -> {
                  for (boolean generic : new boolean[] {false, true}) {
                    List<Node> plan = plan(dsl, c.query(), generic);
                    String shown = (generic ? "generic plan " : "custom plan ") + plan;
                    System.out.println("[plan] " + c.name() + ": " + shown);
                    assertThat(plan)
                        .as(shown)
                        .noneMatch(n ->
                            n.type().equals("Seq Scan") && "ledger_entries".equals(n.relation()));
                    List<String> scanned =
                        plan.stream().map(Node::index).filter(Objects::nonNull).toList();
                    if (c.oneOf()) {
                      assertThat(scanned).as(shown).containsAnyElementsOf(c.indexes());
                    } else {
                      assertThat(scanned).as(shown).containsAll(c.indexes());
                    }
                  }
                }));
  }

  /**
   * The first page of {@code q}, and a page after a cursor a third into the journal; {@code idx}:
   * the index meant for it, or the indexes of which it may use either.
   */
  private static void page(
      List<Case> cases, DSLContext dsl, String name, EntryQuery q, Set<String> idx) {
    boolean oneOf = idx.size() > 1;
    cases.add(new Case(name, Queries.pageQuery(dsl, q, null, 101), idx, oneOf));
    Cursor third = new Cursor(START.plusSeconds(ENTRIES / 3).toEpochMilli() * 1_000, ENTRIES / 3);
    cases.add(new Case(name + ", a later page", Queries.pageQuery(dsl, q, third, 101), idx, oneOf));
  }

  /** One node of a plan: its type, the table it reads, and the index it scans. */
  record Node(String type, String relation, String index) {
    @Override
    public String toString() {
      return type
          + (relation == null ? "" : " on " + relation)
          + (index == null ? "" : " using " + index);
    }
  }

  /**
   * The plan of {@code query} under {@code EXPLAIN (FORMAT JSON)}, read back node by node: its SQL
   * and bind values as jOOQ renders them, sent with the values bound (the custom plan of a
   * statement's first executions), or ({@code generic}) prepared from its SQL with {@code $n}
   * placeholders and executed with the values under {@code plan_cache_mode = force_generic_plan}
   * (the plan a prepared statement may settle on, for any values).
   */
  static List<Node> plan(DSLContext pool, ResultQuery<?> query, boolean generic) {
    Object[] binds = query.getBindValues().toArray();
    String json =
        pool.connectionResult(c -> {
          DSLContext dsl = DSL.using(c, pool.dialect());
          if (!generic) {
            return dsl.resultQuery("explain (format json) " + query.getSQL(), binds)
                .fetchSingle()
                .get(0, String.class);
          }
          DSLContext numbered =
              DSL.using(
                  pool.configuration()
                      .derive(
                          SettingsTools.clone(pool.settings())
                              .withParamType(ParamType.NAMED)
                              .withRenderNamedParamPrefix("$")));
          try (Statement s = c.createStatement()) {
            s.execute("set plan_cache_mode = force_generic_plan");
            query.attach(numbered.configuration());
            s.execute("prepare racefree_plan as " + query.getSQL(ParamType.NAMED));
            query.attach(pool.configuration());
          }
          try {
            // EXECUTE takes its arguments as literals: the values, inlined as jOOQ inlines them.
            String arguments =
                query.getParams().values().stream()
                    .filter(p -> !p.isInline())
                    .map(dsl::renderInlined)
                    .collect(Collectors.joining(", "));
            return dsl.resultQuery("explain (format json) execute racefree_plan(" + arguments + ")")
                .fetchSingle()
                .get(0, String.class);
          } finally {
            try (Statement s = c.createStatement()) {
              s.execute("deallocate racefree_plan");
              s.execute("reset plan_cache_mode");
            }
          }
        });
    return pool.resultQuery(
            "select n ->> 'Node Type', n ->> 'Relation Name', n ->> 'Index Name'"
                + " from jsonb_path_query(cast({0} as jsonb), 'strict $.**') n"
                + " where jsonb_typeof(n) = 'object' and n ->> 'Node Type' is not null",
            DSL.val(json))
        .fetch(
            r -> new Node(r.get(0, String.class), r.get(1, String.class), r.get(2, String.class)));
  }
}
