package dev.racefree.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The members of a Patroni cluster as its REST API's {@code GET /cluster} lists them: name, role
 * ({@code leader}, {@code sync_standby}, {@code replica}) and state ({@code running}, or {@code
 * streaming} for a replica in later Patroni versions; {@code stopped}, {@code starting}, {@code
 * crashed}...).
 */
record PatroniMembers(List<Member> members) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One member. */
  record Member(String name, String role, String state) {

    boolean running() {
      return state.equals("running") || state.equals("streaming");
    }

    boolean leader() {
      return role.equals("leader");
    }

    boolean syncStandby() {
      return role.equals("sync_standby");
    }
  }

  PatroniMembers {
    members = List.copyOf(members);
  }

  /** Reads {@code GET /cluster}'s answer. */
  static PatroniMembers parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not Patroni's /cluster JSON: " + json, e);
    }
    List<Member> members = new ArrayList<>();
    for (JsonNode m : root.path("members")) {
      members.add(
          new Member(m.path("name").asText(), m.path("role").asText(), m.path("state").asText()));
    }
    return new PatroniMembers(members);
  }

  /** The leader, if one holds the lock and its PostgreSQL runs. */
  Optional<Member> runningLeader() {
    return members.stream().filter(m -> m.leader() && m.running()).findFirst();
  }

  /**
   * Whole: {@code size} members, all running, one a running leader, one a running synchronous
   * standby (in strict synchronous mode the leader acknowledges no commit without one).
   */
  boolean whole(int size) {
    return members.size() == size
        && members.stream().allMatch(Member::running)
        && runningLeader().isPresent()
        && members.stream().anyMatch(Member::syncStandby);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (Member m : members) {
      s.append(s.isEmpty() ? "" : ", ").append(m.name()).append(' ').append(m.role());
      s.append('/').append(m.state());
    }
    return "[" + s + "]";
  }
}
