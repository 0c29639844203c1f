package dev.racefree.lab.chaos;

import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.IssuedToken;
import dev.racefree.Racefree;
import dev.racefree.lab.load.LabAccounts;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.PatroniCluster;
import dev.racefree.lab.server.Postmaster;
import dev.racefree.lab.server.StandbyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs chaos clients against fault injection, then has {@link ChaosChecks} check the books against
 * what was acknowledged. On one server: backend kills, connections cut by a proxy (just after a
 * COMMIT, too) and {@code kill -9} crashes with restarts. On a {@link StandbyPair}: the primary
 * killed with {@code -9} mid-load and the standby promoted. On a {@link PatroniCluster}: the
 * leader's postmaster killed and the leader's Patroni stopped, Patroni failing over, with backends
 * terminated throughout.
 */
public final class Chaos {

  /** Each chaos account's opening balance. */
  static final long INITIAL = 1_000_000;

  /**
   * How a run goes.
   *
   * @param killEvery the interval between backend kills; zero for none
   * @param crashes how many times the server is crashed and restarted (the lab's own server only)
   * @param cutEvery the interval between connection cuts by the proxy; zero for no proxy
   */
  public record Settings(
      int clients,
      Duration duration,
      int accounts,
      Duration killEvery,
      int crashes,
      Duration cutEvery,
      long seed) {}

  private Chaos() {}

  /** Chaos on one server; crashes need {@code server} to be the lab's own. */
  public static ChaosReport run(LabServer server, Settings s)
      throws InterruptedException, ExecutionException {
    Postmaster postmaster = s.crashes() > 0 ? server.postmaster() : null;
    try (CuttingProxy proxy = s.cutEvery().isZero() ? null : proxyTo(server);
        HikariDataSource pool =
            proxy == null ? server.pool(s.clients()) : server.pool(s.clients(), proxy.port())) {
      long[] ids = LabAccounts.open(server.admin(), "chaos", s.accounts(), INITIAL);
      List<IssuedToken> tokens = ChaosTokens.issue(Racefree.using(server.admin()), tokens(s));
      Recovery recovery = new Recovery();
      List<Thread> threads = new ArrayList<>();
      BackendKiller killer = null;
      if (!s.killEvery().isZero()) {
        killer =
            new BackendKiller(server.admin(), server.applicationName(), s.killEvery().toNanos());
        threads.add(Thread.ofPlatform().name("chaos-killer").unstarted(killer));
      }
      Cutter cutter = null;
      if (proxy != null) {
        cutter = new Cutter(proxy, s.cutEvery().toNanos(), s.seed());
        threads.add(Thread.ofPlatform().name("chaos-cutter").unstarted(cutter));
      }
      ServerFaults crashes = null;
      if (postmaster != null) {
        crashes =
            new ServerFaults(
                s.crashes(),
                s.duration().toNanos(),
                "crash",
                postmaster::crash,
                postmaster::restart,
                () -> forget(server, pool),
                recovery);
        threads.add(Thread.ofPlatform().name("chaos-crasher").unstarted(crashes));
      }
      List<Resolution> resolutions;
      try {
        resolutions = load(ids, tokens, pool, s, recovery, threads);
      } finally {
        if (killer != null) killer.stop();
        if (cutter != null) cutter.stop();
        if (crashes != null) crashes.stop();
        for (Thread t : threads) t.join();
      }
      Faults faults =
          new Faults(
              killer == null ? 0 : killer.kills(),
              crashes == null ? 0 : crashes.done(),
              proxy == null ? 0 : proxy.cuts(),
              proxy == null ? 0 : proxy.commitCuts(),
              0,
              false,
              recovery.recoveries());
      return ChaosChecks.check(server, ids, tokens, resolutions, faults, s);
    }
  }

  /** Chaos across a failover: the primary is killed once, mid-run, and the standby promoted. */
  public static ChaosReport failover(StandbyPair pair, LabServer server, Settings s)
      throws InterruptedException, ExecutionException {
    return failover(pair, server, s, false);
  }

  /**
   * Chaos across a failover: the primary is killed once, mid-run, and the standby promoted. With
   * {@code killSyncWaits}, first the standby is stopped from confirming, the backends whose COMMIT
   * then waits for it are terminated ({@link SyncWaitKiller}: committed on the primary, their
   * clients unanswered), and the standby goes on and catches up; only then is the primary killed.
   */
  public static ChaosReport failover(
      StandbyPair pair, LabServer server, Settings s, boolean killSyncWaits)
      throws InterruptedException, ExecutionException {
    try (HikariDataSource pool = server.pool(s.clients())) {
      long[] ids = LabAccounts.open(server.admin(), "chaos", s.accounts(), INITIAL);
      List<IssuedToken> tokens = ChaosTokens.issue(Racefree.using(server.admin()), tokens(s));
      Recovery recovery = new Recovery();
      SyncWaitKiller syncWaits =
          killSyncWaits
              ? new SyncWaitKiller(
                  pair, server.admin(), server.applicationName(), Math.max(1, s.clients() / 2))
              : null;
      ServerFaults failover =
          new ServerFaults(
              1,
              s.duration().toNanos(),
              syncWaits == null ? "primary kill" : "primary kill (sync waits)",
              () -> {
                if (syncWaits != null) syncWaits.strike();
                pair.killPrimary();
              },
              pair::promote,
              () -> forget(server, pool),
              recovery);
      Thread t = Thread.ofPlatform().name("chaos-failover").unstarted(failover);
      List<Resolution> resolutions;
      try {
        resolutions = load(ids, tokens, pool, s, recovery, List.of(t));
      } finally {
        failover.stop();
        t.join();
      }
      Faults faults =
          new Faults(
              0,
              failover.done(),
              0,
              0,
              syncWaits == null ? 0 : syncWaits.terminated(),
              true,
              recovery.recoveries());
      return ChaosChecks.check(server, ids, tokens, resolutions, faults, s);
    }
  }

  /** What {@link #patroni} does to the leader, in turn, {@code crashes} times in all. */
  static final List<String> PATRONI_FAULTS =
      List.of("leader postmaster SIGKILL", "leader Patroni SIGTERM");

  /**
   * Chaos under a real HA manager: backends terminated throughout and, {@code s.crashes()} times
   * spread over the run, the leader's postmaster killed with {@code SIGKILL} and the leader's
   * Patroni stopped with {@code SIGTERM} (then started again, so the node rejoins), in turn.
   * Patroni elects the new leader; clients find it through the multi-host URL.
   */
  public static ChaosReport patroni(PatroniCluster cluster, LabServer server, Settings s)
      throws InterruptedException, ExecutionException {
    try (HikariDataSource pool = server.pool(s.clients())) {
      long[] ids = LabAccounts.open(server.admin(), "chaos", s.accounts(), INITIAL);
      List<IssuedToken> tokens = ChaosTokens.issue(Racefree.using(server.admin()), tokens(s));
      Recovery recovery = new Recovery();
      List<ServerFaults.Fault> schedule = new ArrayList<>();
      for (int i = 0; i < s.crashes(); i++) {
        String name = PATRONI_FAULTS.get(i % PATRONI_FAULTS.size());
        schedule.add(
            new ServerFaults.Fault(
                name,
                () -> {
                  PatroniCluster.Fault f =
                      name.equals(PATRONI_FAULTS.get(0))
                          ? cluster.killLeaderPostmaster()
                          : cluster.stopLeaderPatroni();
                  return () -> cluster.recover(f);
                }));
      }
      ServerFaults faults =
          new ServerFaults(schedule, s.duration().toNanos(), () -> forget(server, pool), recovery);
      List<Thread> threads = new ArrayList<>();
      threads.add(Thread.ofPlatform().name("chaos-patroni").unstarted(faults));
      BackendKiller killer = null;
      if (!s.killEvery().isZero()) {
        killer =
            new BackendKiller(server.admin(), server.applicationName(), s.killEvery().toNanos());
        threads.add(Thread.ofPlatform().name("chaos-killer").unstarted(killer));
      }
      List<Resolution> resolutions;
      try {
        resolutions = load(ids, tokens, pool, s, recovery, threads);
      } finally {
        faults.stop();
        if (killer != null) killer.stop();
        for (Thread t : threads) t.join();
      }
      Faults f =
          new Faults(
              killer == null ? 0 : killer.kills(),
              faults.done(),
              0,
              0,
              0,
              true,
              recovery.recoveries());
      return ChaosChecks.check(server, ids, tokens, resolutions, f, s);
    }
  }

  private static List<Resolution> load(
      long[] ids,
      List<IssuedToken> tokens,
      HikariDataSource pool,
      Settings s,
      Recovery recovery,
      List<Thread> faults)
      throws InterruptedException, ExecutionException {
    Racefree rf = Racefree.using(LabServer.dsl(pool));
    List<String> values = tokens.stream().map(IssuedToken::value).toList();
    long deadline = System.nanoTime() + s.duration().toNanos();
    faults.forEach(Thread::start);
    ExecutorService clients = Executors.newFixedThreadPool(s.clients());
    try {
      List<Future<List<Resolution>>> running = new ArrayList<>();
      for (int c = 0; c < s.clients(); c++) {
        int client = c;
        running.add(
            clients.submit(() ->
                ChaosClient.run(
                    rf,
                    client,
                    ids[0],
                    ids.length,
                    values,
                    deadline,
                    s.seed() + client,
                    recovery)));
      }
      List<Resolution> resolutions = new ArrayList<>();
      for (Future<List<Resolution>> f : running) {
        resolutions.addAll(f.get());
      }
      return resolutions;
    } finally {
      clients.shutdownNow();
    }
  }

  /** Tokens to race for: few enough per client that most redemptions meet a rival's. */
  private static int tokens(Settings s) {
    return 10 * s.clients();
  }

  /** After a server fault: both pools drop the connections they had to the dead server. */
  private static void forget(LabServer server, HikariDataSource pool) {
    server.forgetConnections();
    pool.getHikariPoolMXBean().softEvictConnections();
  }

  private static CuttingProxy proxyTo(LabServer server) {
    Properties url = server.connect().parsed();
    String host = url.getProperty("PGHOST");
    if (host.contains(",")) {
      throw new IllegalArgumentException("the cutting proxy needs a single-host URL, not " + host);
    }
    return new CuttingProxy(host, Integer.parseInt(url.getProperty("PGPORT")));
  }
}
