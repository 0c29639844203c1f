package dev.racefree.lab.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of the lab's Patroni cluster: one etcd (v3 API) and three PostgreSQL nodes on
 * loopback, each with its own data directory under {@code base}, in synchronous mode, strict: a
 * commit is acknowledged only once a synchronous standby has it, and only that standby may be
 * promoted, so no acknowledged write can be lost to a failover. A crashed leader fails over at once
 * ({@code master_start_timeout: 0}) and rejoins with {@code pg_rewind}. Written as JSON, which is
 * YAML too: Patroni reads it with its YAML parser.
 *
 * @param base the cluster's directory: data directories, configuration files, logs
 * @param binDirectory PostgreSQL's binaries
 * @param etcdClientPort etcd's client port on loopback
 * @param nodes the three nodes
 * @param maxConnections every node's {@code max_connections}
 */
record PatroniConfig(
    Path base, Path binDirectory, int etcdClientPort, List<Node> nodes, int maxConnections) {

  /** The cluster's name in etcd. */
  static final String SCOPE = "racefree-lab";

  /** The database superuser, Patroni's and the lab's. */
  static final String SUPERUSER = "postgres";

  /** Loopback only: trust needs no passwords, and nothing outside this machine can connect. */
  private static final String HOST = "127.0.0.1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A node: its name, its PostgreSQL port and its REST API port. */
  record Node(String name, int pgPort, int restPort) {

    String restUrl() {
      return "http://" + HOST + ":" + restPort;
    }
  }

  PatroniConfig {
    nodes = List.copyOf(nodes);
  }

  Path dataDirectory(Node node) {
    return base.resolve(node.name());
  }

  Path configFile(Node node) {
    return base.resolve(node.name() + ".yml");
  }

  Path log(String process) {
    return base.resolve(process + ".log");
  }

  /** etcd's client URL, for Patroni and for the lab's health check. */
  String etcdUrl() {
    return "http://" + HOST + ":" + etcdClientPort;
  }

  /** The lab's way in: every node, whichever is the leader. */
  Connect connect() {
    StringBuilder hosts = new StringBuilder();
    for (Node n : nodes) {
      hosts.append(hosts.isEmpty() ? "" : ",").append(HOST).append(':').append(n.pgPort());
    }
    return new Connect(
        "jdbc:postgresql://"
            + hosts
            + "/postgres?targetServerType=primary&hostRecheckSeconds=1&connectTimeout=5",
        SUPERUSER,
        null);
  }

  /** {@code etcd}'s command line: one member, its data under {@code base}, loopback only. */
  List<String> etcdCommand(int peerPort) {
    String peer = "http://" + HOST + ":" + peerPort;
    return List.of(
        "etcd",
        "--name",
        "lab",
        "--data-dir",
        base.resolve("etcd").toString(),
        "--listen-client-urls",
        etcdUrl(),
        "--advertise-client-urls",
        etcdUrl(),
        "--listen-peer-urls",
        peer,
        "--initial-advertise-peer-urls",
        peer,
        "--initial-cluster",
        "lab=" + peer,
        "--initial-cluster-state",
        "new");
  }

  /** Node {@code node}'s Patroni configuration file. */
  String yaml(Node node) {
    try {
      return JSON.writeValueAsString(tree(node));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Node {@code node}'s Patroni configuration. */
  Map<String, Object> tree(Node node) {
    Map<String, Object> dcsPostgresql = new LinkedHashMap<>();
    dcsPostgresql.put("use_pg_rewind", true);
    dcsPostgresql.put("use_slots", true);
    dcsPostgresql.put(
        "parameters",
        Map.of(
            "max_connections",
            maxConnections,
            "wal_log_hints",
            "on",
            "max_wal_senders",
            10,
            "max_replication_slots",
            10,
            "synchronous_commit",
            "on"));
    Map<String, Object> dcs = new LinkedHashMap<>();
    dcs.put("ttl", 20);
    dcs.put("loop_wait", 2);
    dcs.put("retry_timeout", 5);
    dcs.put("maximum_lag_on_failover", 1_048_576);
    dcs.put("master_start_timeout", 0);
    dcs.put("synchronous_mode", true);
    dcs.put("synchronous_mode_strict", true);
    dcs.put("postgresql", dcsPostgresql);

    Map<String, Object> bootstrap = new LinkedHashMap<>();
    bootstrap.put("dcs", dcs);
    bootstrap.put("initdb", List.of(Map.of("encoding", "UTF8"), "data-checksums"));

    Map<String, Object> postgresql = new LinkedHashMap<>();
    String address = HOST + ":" + node.pgPort();
    postgresql.put("listen", address);
    postgresql.put("connect_address", address);
    postgresql.put("data_dir", dataDirectory(node).toString());
    postgresql.put("bin_dir", binDirectory.toString());
    postgresql.put("pgpass", base.resolve(node.name() + ".pgpass").toString());
    postgresql.put(
        "authentication",
        Map.of(
            "superuser", user(SUPERUSER),
            "replication", user("replicator"),
            "rewind", user("rewinder")));
    postgresql.put("parameters", Map.of("unix_socket_directories", base.toString()));
    postgresql.put(
        "pg_hba",
        List.of(
            "local all all trust",
            "host all all " + HOST + "/32 trust",
            "host replication all " + HOST + "/32 trust"));
    postgresql.put("remove_data_directory_on_rewind_failure", true);
    postgresql.put("remove_data_directory_on_diverged_timelines", true);

    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("scope", SCOPE);
    tree.put("name", node.name());
    tree.put("log", Map.of("level", "INFO"));
    tree.put(
        "restapi",
        Map.of(
            "listen",
            HOST + ":" + node.restPort(),
            "connect_address",
            HOST + ":" + node.restPort()));
    tree.put("etcd3", Map.of("hosts", List.of(HOST + ":" + etcdClientPort)));
    tree.put("bootstrap", bootstrap);
    tree.put("postgresql", postgresql);
    tree.put("tags", Map.of("nofailover", false, "noloadbalance", false));
    return tree;
  }

  /** A role's credentials; loopback trust does not check the password, Patroni wants one. */
  private static Map<String, String> user(String name) {
    return Map.of("username", name, "password", "racefree-lab");
  }
}
