package dev.racefree.lab.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real HA cluster on this machine: one etcd and three PostgreSQL nodes under Patroni, all on
 * loopback, from Debian's {@code patroni}, {@code etcd-server} and {@code postgresql} packages
 * ({@code lab/patroni/setup.sh} installs them; nothing is downloaded here), configured by {@link
 * PatroniConfig}: synchronous mode, strict. The lab's faults on the leader: {@link
 * #killLeaderPostmaster} ({@code SIGKILL} of its postmaster) and {@link #stopLeaderPatroni} ({@code
 * SIGTERM} to its Patroni, which stops its PostgreSQL and hands the lock over), then {@link
 * #recover} brings that node back. Every wait polls Patroni's REST API ({@code GET /cluster})
 * against a deadline.
 */
public final class PatroniCluster implements AutoCloseable {

  /** The command that installs what this cluster runs. */
  public static final String SETUP =
      "lab/patroni/setup.sh (apt-get install -y patroni etcd-server postgresql)";

  /** Bootstrap and two base backups, or a failover and a rewind, on a busy two-core machine. */
  private static final Duration LIMIT = Duration.ofMinutes(3);

  private static final int NODES = 3;

  private final PatroniConfig config;
  private final LabUser user;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Process etcd;
  private final List<Process> patroni = new ArrayList<>();
  private PatroniConfig.@Nullable Node stopped;
  private volatile boolean failed;
  private final Thread hook = new Thread(this::stop, "patroni-cluster-stop");
  private boolean closed;
  private final List<String> history = new java.util.concurrent.CopyOnWriteArrayList<>();

  private PatroniCluster(PatroniConfig config, LabUser user, Process etcd) {
    this.config = config;
    this.user = user;
    this.etcd = etcd;
  }

  /** Starts etcd and three nodes; returns once the cluster is whole (leader and sync standby). */
  public static PatroniCluster start(int maxConnections) throws IOException {
    Path bin = postgresBinaries();
    for (String tool : List.of("patroni", "etcd")) {
      if (onPath(tool).isEmpty()) {
        throw missing(tool + " is not on PATH");
      }
    }
    LabUser user = LabUser.current();
    Path base = Files.createTempDirectory("racefree-patroni");
    user.own(base);
    List<PatroniConfig.Node> nodes = new ArrayList<>();
    for (int i = 1; i <= NODES; i++) {
      nodes.add(new PatroniConfig.Node("node" + i, Scratch.freePort(), Scratch.freePort()));
    }
    PatroniConfig config = new PatroniConfig(base, bin, Scratch.freePort(), nodes, maxConnections);
    Process etcd = launch(user, config.etcdCommand(Scratch.freePort()), config.log("etcd"));
    PatroniCluster cluster = new PatroniCluster(config, user, etcd);
    // a lab killed mid-run (a CI timeout's SIGTERM) still stops what it started
    Runtime.getRuntime().addShutdownHook(cluster.hook);
    try {
      cluster.await("etcd to answer", () -> cluster.ok(config.etcdUrl() + "/health"));
      for (PatroniConfig.Node n : nodes) {
        Files.writeString(config.configFile(n), config.yaml(n));
        cluster.patroni.add(cluster.launchPatroni(n));
      }
      cluster.awaitWhole();
      return cluster;
    } catch (RuntimeException | IOException e) {
      cluster.close();
      throw e;
    }
  }

  /** The newest PostgreSQL under /usr/lib/postgresql, Debian's layout. */
  private static Path postgresBinaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      throw missing("no PostgreSQL under " + root);
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .filter(v -> Files.isExecutable(v.resolve("bin").resolve("postgres")))
          .max(Comparator.comparingInt(PatroniCluster::version))
          .map(v -> v.resolve("bin"))
          .orElseThrow(() -> missing("no PostgreSQL binaries under " + root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int version(Path dir) {
    try {
      return Integer.parseInt(String.valueOf(dir.getFileName()));
    } catch (NumberFormatException notAVersion) {
      return -1;
    }
  }

  private static Optional<Path> onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(File.pathSeparator))
        .map(d -> Path.of(d, tool))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static IllegalStateException missing(String what) {
    return new IllegalStateException("chaos --patroni: " + what + "; run " + SETUP);
  }

  private static Process launch(LabUser user, List<String> command, Path log) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(user.command(command))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("HOME", String.valueOf(log.getParent()));
    pb.environment().put("LC_ALL", "C.UTF-8");
    return pb.start();
  }

  private Process launchPatroni(PatroniConfig.Node n) throws IOException {
    return launch(user, List.of("patroni", config.configFile(n).toString()), config.log(n.name()));
  }

  /** Clients' way in: a multi-host URL, {@code targetServerType=primary}. */
  public Connect connect() {
    return config.connect();
  }

  /** The cluster as Patroni sees it, from the first node whose REST API answers. */
  PatroniMembers members() {
    for (PatroniConfig.Node n : config.nodes()) {
      Optional<String> body = get(n.restUrl() + "/cluster");
      if (body.isPresent()) {
        return PatroniMembers.parse(body.get());
      }
    }
    return new PatroniMembers(List.of());
  }

  /** What Patroni says now, for the run's log. */
  public String describe() {
    return members().toString();
  }

  private PatroniConfig.Node leader() {
    String name =
        members()
            .runningLeader()
            .orElseThrow(() -> new IllegalStateException("no running leader: " + members()))
            .name();
    return config.nodes().stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("a leader not of the lab's: " + name));
  }

  /**
   * {@code SIGKILL} of the leader's postmaster, then of every process of that server still alive
   * (each runs in its data directory): a crash of the whole server. A backend the postmaster's
   * death left behind would hold its shared memory, and Patroni 3.0.2 then retries a start that
   * fails forever ("pre-existing shared memory block is still in use"). Returns once all are gone.
   */
  public Fault killLeaderPostmaster() {
    PatroniConfig.Node leader = leader();
    ProcessHandle postmaster = postmaster(leader);
    postmaster.destroyForcibly();
    awaitExit(postmaster);
    long deadline = System.nanoTime() + LIMIT.toNanos();
    List<ProcessHandle> left = serverProcesses(leader);
    while (!left.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("processes of " + leader.name() + " outlived kill -9");
      }
      left.forEach(ProcessHandle::destroyForcibly);
      left.forEach(PatroniCluster::awaitExit);
      left = serverProcesses(leader);
    }
    return new Fault(leader, postmaster.pid(), "postmaster SIGKILL");
  }

  /** The processes whose working directory is {@code n}'s data directory: its server's. */
  private List<ProcessHandle> serverProcesses(PatroniConfig.Node n) {
    Path data = config.dataDirectory(n);
    return ProcessHandle.allProcesses()
        .filter(p -> {
          try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(p.pid()), "cwd"))
                .equals(data);
          } catch (IOException | UnsupportedOperationException goneOrNotOurs) {
            return false;
          }
        })
        .toList();
  }

  /**
   * {@code SIGTERM} to the leader's Patroni: it stops its PostgreSQL and gives up the leader lock.
   * Returns once that PostgreSQL is gone; {@link #recover} starts that Patroni again.
   */
  public Fault stopLeaderPatroni() {
    PatroniConfig.Node leader = leader();
    ProcessHandle postmaster = postmaster(leader);
    Process p = patroni.get(config.nodes().indexOf(leader));
    p.destroy(); // SIGTERM
    awaitExit(postmaster);
    stopped = leader;
    return new Fault(leader, postmaster.pid(), "Patroni SIGTERM");
  }

  /** A fault on a node's PostgreSQL: the node, the postmaster that is gone, what was done. */
  public record Fault(PatroniConfig.Node node, long postmasterPid, String what) {}

  /**
   * Waits until a leader runs that is not {@code fault}'s dead postmaster, then, if that node's
   * Patroni was stopped, starts it again once it has exited, and waits until the cluster is whole.
   */
  public void recover(Fault fault) {
    await(
        "a new leader after " + fault,
        () -> {
          Optional<PatroniMembers.Member> l = members().runningLeader();
          return l.isPresent()
              && (!l.get().name().equals(fault.node().name())
                  || postmasterPid(fault.node())
                      .filter(p -> p != fault.postmasterPid())
                      .isPresent());
        });
    PatroniConfig.Node s = stopped;
    if (s != null) {
      int i = config.nodes().indexOf(s);
      Process old = patroni.get(i);
      try {
        if (!old.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
          throw new IllegalStateException("Patroni on " + s.name() + " outlived SIGTERM");
        }
        patroni.set(i, launchPatroni(s));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while restarting Patroni", e);
      }
      stopped = null;
    }
    awaitWhole();
    history.add(
        "leader "
            + fault.node().name()
            + " "
            + fault.what()
            + " -> leader "
            + members().runningLeader().map(PatroniMembers.Member::name).orElse("?")
            + ", cluster whole again");
  }

  /** Per fault recovered from, in order: the old leader, the fault, the new leader. */
  public List<String> history() {
    return List.copyOf(history);
  }

  private void awaitWhole() {
    await("the cluster to be whole (leader, sync standby, replica)", () -> members().whole(NODES));
  }

  private ProcessHandle postmaster(PatroniConfig.Node n) {
    return postmasterPid(n)
        .flatMap(ProcessHandle::of)
        .orElseThrow(() -> new IllegalStateException("no postmaster runs on " + n.name()));
  }

  private Optional<Long> postmasterPid(PatroniConfig.Node n) {
    Path pid = config.dataDirectory(n).resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pid);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException notThere) {
      return Optional.empty();
    }
  }

  private static void awaitExit(ProcessHandle p) {
    try {
      p.onExit().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("process " + p.pid() + " did not exit", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + p.pid(), e);
    }
  }

  private boolean ok(String url) {
    return get(url).isPresent();
  }

  /** A 200's body, or empty when the node is down or says otherwise. */
  private Optional<String> get(String url) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
    } catch (IOException down) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + url, e);
    }
  }

  private void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        failed = true;
        throw new IllegalStateException(
            "waited "
                + LIMIT.toSeconds()
                + " s for "
                + what
                + "; logs in "
                + config.base()
                + "; Patroni says "
                + members());
      }
      LockSupport.parkNanos(100_000_000L); // nothing to wait on but Patroni's REST API
    }
  }

  /**
   * Stops every Patroni (each stops its PostgreSQL), then etcd, and deletes the directory, unless a
   * wait timed out: then its logs are kept for the post-mortem.
   */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it stops the cluster
    }
    stop();
  }

  private synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    for (Process p : patroni) {
      p.destroy();
    }
    for (int i = 0; i < patroni.size(); i++) {
      Process p = patroni.get(i);
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
      postmasterPid(config.nodes().get(i))
          .flatMap(ProcessHandle::of)
          .filter(ProcessHandle::isAlive)
          .ifPresent(h -> {
            h.destroyForcibly();
            awaitExit(h);
          });
    }
    etcd.destroy();
    try {
      if (!etcd.waitFor(30, TimeUnit.SECONDS)) {
        etcd.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      etcd.destroyForcibly();
    }
    if (failed) {
      System.err.println("chaos --patroni: logs and data kept in " + config.base());
    } else {
      Scratch.deleteTree(config.base());
    }
  }
}
