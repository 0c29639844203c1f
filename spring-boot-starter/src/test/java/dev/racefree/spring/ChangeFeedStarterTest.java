package dev.racefree.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.ChangeCursor;
import dev.racefree.ChangePage;
import dev.racefree.LedgerEntry;
import dev.racefree.Racefree;
import dev.racefree.spring.feed.ChangeFeedRunners;
import dev.racefree.spring.feed.RacefreeFeedAutoConfiguration;
import dev.racefree.spring.micrometer.FeedMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The starter runs a ChangeHandler bean: each page in a Spring transaction with the handler's own
 * writes and the stored cursor, every entry once, with meters.
 */
class ChangeFeedStarterTest {

  static final Table<?> SEEN = DSL.table(DSL.name("feed_seen"));
  static final Field<Long> ENTRY_ID = DSL.field(DSL.name("entry_id"), SQLDataType.BIGINT);

  /** What the handler saw commit, and how many of its calls still fail. */
  static final List<LedgerEntry> COMMITTED = new CopyOnWriteArrayList<>();

  static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
  static volatile CountDownLatch committed = new CountDownLatch(0);

  private static ApplicationContextRunner runner(String db) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class,
                JooqAutoConfiguration.class,
                RacefreeAutoConfiguration.class,
                RacefreeFeedAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=" + TestPostgres.url(db), "racefree.feed.poll-interval=20ms");
  }

  @Configuration(proxyBeanMethods = false)
  static class Handler {
    // tag::handler[]
    @Bean
    ChangeHandler projection(DSLContext dsl) {
      return new ChangeHandler() {
        @Override
        public String consumer() {
          return "projection";
        }

        @Override
        public void handle(ChangePage page) {
          for (LedgerEntry e : page.entries()) {
            dsl.insertInto(SEEN).set(ENTRY_ID, e.id()).execute(); // commits with the cursor
          }
          observe(page); // the test's checks
        }
      };
    }
    // end::handler[]
  }

  /**
   * Fails while failures are left (after the handler's writes); else counts the page's entries once
   * its transaction commits, which registering throws for unless a Spring transaction runs.
   */
  static void observe(ChangePage page) {
    if (FAILURES_LEFT.getAndDecrement() > 0) {
      throw new IllegalStateException("the handler fails after its writes");
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            COMMITTED.addAll(page.entries());
            page.entries().forEach(e -> committed.countDown());
          }
        });
  }

  private static void createSeenTable(String db) throws SQLException {
    try (Connection c = TestPostgres.fresh(db);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS feed_seen");
      s.execute("CREATE TABLE feed_seen (entry_id bigint PRIMARY KEY)");
    }
  }

  private static void deliver(String db, int failures) throws Exception {
    createSeenTable(db);
    COMMITTED.clear();
    FAILURES_LEFT.set(failures);
    int credits = 20;
    committed = new CountDownLatch(credits);
    runner(db)
        .withUserConfiguration(Handler.class)
        .withBean(SimpleMeterRegistry.class)
        .run(context -> {
          Racefree rf = context.getBean(Racefree.class);
          long id = rf.accounts().open("feed", "EUR");
          for (int i = 0; i < credits; i++) {
            rf.accounts().credit(id, 1 + i);
          }
          assertThat(committed.await(30, TimeUnit.SECONDS))
              .as("every entry handled and committed")
              .isTrue();
          long entries = TestPostgres.queryLong(db, "SELECT count(*) FROM racefree.ledger_entries");
          assertThat(entries).isEqualTo(credits);
          assertThat(TestPostgres.queryLong(db, "SELECT count(*) FROM feed_seen"))
              .as("the handler's writes committed once per entry")
              .isEqualTo(credits);
          assertThat(COMMITTED).extracting(LedgerEntry::amount).hasSize(credits);
          for (int i = 0; i < credits; i++) {
            assertThat(COMMITTED.get(i).balanceAfter()).isEqualTo((long) (i + 1) * (i + 2) / 2);
          }
          String stored;
          try (Connection c = TestPostgres.fresh(db);
              var ps =
                  c.prepareStatement(
                      "SELECT feed_cursor FROM racefree.change_feed_cursors WHERE consumer = ?")) {
            ps.setString(1, "projection");
            try (var rs = ps.executeQuery()) {
              assertThat(rs.next()).isTrue();
              stored = rs.getString(1);
            }
          }
          assertThat(rf.ledger().pending(ChangeCursor.parse(stored))).isZero();
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(
                  registry
                      .get(FeedMeters.ENTRIES)
                      .tag("consumer", "projection")
                      .functionCounter()
                      .count())
              .isEqualTo(credits);
          assertThat(
                  registry
                      .get(FeedMeters.FAILURES)
                      .tag("consumer", "projection")
                      .functionCounter()
                      .count())
              .isEqualTo(failures);
          assertThat(registry.get(FeedMeters.LAG).tag("consumer", "projection").gauge().value())
              .isGreaterThanOrEqualTo(0);
          assertThat(registry.get(FeedMeters.BEHIND).tag("consumer", "projection").gauge().value())
              .isGreaterThanOrEqualTo(0);
        });
  }

  @Test
  void a_handler_bean_gets_every_entry_once_in_a_transaction_that_stores_its_cursor()
      throws Exception {
    deliver("feed_once", 0);
  }

  @Test
  void a_failing_handler_rolls_back_its_writes_and_gets_the_same_page_again() throws Exception {
    deliver("feed_failing", 2);
  }

  @Test
  void no_runner_without_a_handler_or_when_disabled() {
    runner("feed_off").run(context -> assertThat(context).doesNotHaveBean(ChangeFeedRunners.class));
    runner("feed_off")
        .withUserConfiguration(Handler.class)
        .withPropertyValues("racefree.feed.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ChangeFeedRunners.class));
  }
}
