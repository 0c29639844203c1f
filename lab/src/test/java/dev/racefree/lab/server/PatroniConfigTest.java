package dev.racefree.lab.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Patroni cluster's configuration, command lines and REST answers; no Patroni needed. */
class PatroniConfigTest {

  private static final Path BASE = Path.of("/tmp/racefree-patroni-test");

  private static final PatroniConfig CONFIG =
      new PatroniConfig(
          BASE,
          Path.of("/usr/lib/postgresql/15/bin"),
          2379,
          List.of(
              new PatroniConfig.Node("node1", 5501, 8001),
              new PatroniConfig.Node("node2", 5502, 8002),
              new PatroniConfig.Node("node3", 5503, 8003)),
          114);

  @Test
  void every_node_is_strictly_synchronous_on_etcd3_on_loopback() throws Exception {
    for (PatroniConfig.Node n : CONFIG.nodes()) {
      // what Patroni reads: JSON is YAML, so a JSON parser must read the file as Patroni does
      JsonNode c = new ObjectMapper().readTree(CONFIG.yaml(n));
      JsonNode dcs = c.path("bootstrap").path("dcs");
      assertThat(dcs.path("synchronous_mode").asBoolean()).isTrue();
      assertThat(dcs.path("synchronous_mode_strict").asBoolean()).isTrue();
      assertThat(dcs.path("postgresql").path("parameters").path("max_connections").asInt())
          .isEqualTo(114);
      assertThat(c.path("scope").asText()).isEqualTo(PatroniConfig.SCOPE);
      assertThat(c.path("name").asText()).isEqualTo(n.name());
      assertThat(c.path("etcd3").path("hosts").get(0).asText()).isEqualTo("127.0.0.1:2379");
      assertThat(c.has("etcd")).as("the v2 API is not used").isFalse();
      assertThat(c.path("restapi").path("listen").asText()).isEqualTo("127.0.0.1:" + n.restPort());
      JsonNode pg = c.path("postgresql");
      assertThat(pg.path("listen").asText()).isEqualTo("127.0.0.1:" + n.pgPort());
      assertThat(pg.path("data_dir").asText()).isEqualTo(BASE.resolve(n.name()).toString());
      assertThat(pg.path("bin_dir").asText()).isEqualTo("/usr/lib/postgresql/15/bin");
      assertThat(pg.path("authentication").path("superuser").path("username").asText())
          .isEqualTo(PatroniConfig.SUPERUSER);
      for (JsonNode hba : pg.path("pg_hba")) {
        assertThat(hba.asText())
            .as("trust on loopback only")
            .matches("local .*|.* 127\\.0\\.0\\.1/32 .*");
      }
    }
  }

  @Test
  void nodes_share_no_directory_or_port() {
    Set<String> dirs = new HashSet<>();
    Set<Integer> ports = new HashSet<>(List.of(CONFIG.etcdClientPort()));
    for (PatroniConfig.Node n : CONFIG.nodes()) {
      assertThat(dirs.add(CONFIG.dataDirectory(n).toString())).isTrue();
      assertThat(dirs.add(CONFIG.configFile(n).toString())).isTrue();
      assertThat(ports.add(n.pgPort())).isTrue();
      assertThat(ports.add(n.restPort())).isTrue();
      assertThat(CONFIG.dataDirectory(n).startsWith(BASE)).as("under the base").isTrue();
    }
  }

  @Test
  void clients_reach_whichever_node_is_primary_through_one_multi_host_url() {
    Connect c = CONFIG.connect();
    Properties url = c.parsed();
    assertThat(url.getProperty("PGHOST")).isEqualTo("127.0.0.1,127.0.0.1,127.0.0.1");
    assertThat(url.getProperty("PGPORT")).isEqualTo("5501,5502,5503");
    assertThat(url.getProperty("PGDBNAME")).isEqualTo("postgres");
    assertThat(url.getProperty("targetServerType")).isEqualTo("primary");
    assertThat(c.effectiveUser()).isEqualTo(PatroniConfig.SUPERUSER);
  }

  @Test
  void etcd_listens_on_loopback_only() {
    List<String> etcd = CONFIG.etcdCommand(2380);
    assertThat(etcd.get(0)).isEqualTo("etcd");
    assertThat(etcd)
        .filteredOn(a -> a.startsWith("http"))
        .allMatch(a -> a.startsWith("http://127.0.0.1:"));
    assertThat(etcd).contains(BASE.resolve("etcd").toString(), "http://127.0.0.1:2379");
  }

  @Test
  void as_root_commands_run_as_the_lab_user_through_setpriv_else_unchanged() {
    List<String> patroni = List.of("patroni", "/tmp/x/node1.yml");
    assertThat(LabUser.command(false, patroni)).isEqualTo(patroni);
    List<String> wrapped = LabUser.command(true, patroni);
    assertThat(wrapped.get(0)).isEqualTo("setpriv");
    assertThat(wrapped).contains("--reuid=" + LabUser.NAME, "--regid=" + LabUser.NAME);
    assertThat(wrapped.subList(wrapped.indexOf("--") + 1, wrapped.size())).isEqualTo(patroni);
  }

  /** {@code GET /cluster} as Patroni 3.0.2 answers it, and a later version's streaming state. */
  @Test
  void cluster_answers_name_the_running_leader_and_whether_the_cluster_is_whole() {
    String whole =
        """
        {"members": [{"name": "node1", "role": "leader", "state": "running",
          "api_url": "http://127.0.0.1:43109/patroni", "host": "127.0.0.1", "port": 33285,
          "timeline": 3},
         {"name": "node2", "role": "replica", "state": "running", "host": "127.0.0.1",
          "port": 39577, "timeline": 3, "lag": 0},
         {"name": "node3", "role": "sync_standby", "state": "streaming", "host": "127.0.0.1",
          "port": 38951, "timeline": 3, "lag": 0}]}
        """;
    PatroniMembers m = PatroniMembers.parse(whole);
    assertThat(m.runningLeader()).map(PatroniMembers.Member::name).hasValue("node1");
    assertThat(m.whole(3)).isTrue();
    assertThat(m.whole(4)).isFalse();

    String leaderDown =
        """
        {"members": [{"name": "node1", "role": "leader", "state": "crashed"},
         {"name": "node2", "role": "replica", "state": "running"},
         {"name": "node3", "role": "sync_standby", "state": "running"}]}
        """;
    assertThat(PatroniMembers.parse(leaderDown).runningLeader()).isEmpty();
    assertThat(PatroniMembers.parse(leaderDown).whole(3)).isFalse();

    String noSyncStandby =
        """
        {"members": [{"name": "node2", "role": "leader", "state": "running"},
         {"name": "node3", "role": "replica", "state": "running"},
         {"name": "node1", "role": "replica", "state": "starting"}]}
        """;
    assertThat(PatroniMembers.parse(noSyncStandby).runningLeader())
        .map(PatroniMembers.Member::name)
        .hasValue("node2");
    assertThat(PatroniMembers.parse(noSyncStandby).whole(3)).isFalse();
    assertThat(PatroniMembers.parse("{\"members\": []}").runningLeader()).isEmpty();
  }
}
