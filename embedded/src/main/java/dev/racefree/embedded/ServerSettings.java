package dev.racefree.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to start an embedded PostgreSQL. Immutable: each {@code with...} method returns a changed
 * copy.
 *
 * <pre>{@code
 * ServerSettings.defaults().withDurable(true).withServerConfig("work_mem", "64MB")
 * }</pre>
 *
 * @param durable {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} all on, as
 *     production runs and as benchmarks must; or all off, for tests whose outcome a crash of the
 *     machine cannot change
 * @param serverConfig further {@code postgresql.conf} settings by name; applied after {@code
 *     durable}, so a setting named here wins. Unnamed, {@code max_connections} is PostgreSQL's
 *     stock 100
 * @param dataDirectory where the cluster lives. {@code null}: a new temporary directory, deleted on
 *     close. A directory given is never deleted: a cluster already in it is started as it is (a
 *     restart), an empty or missing one is initialised first
 * @param port the port to listen on on localhost; 0 for any free port
 */
public record ServerSettings(
    boolean durable, Map<String, String> serverConfig, @Nullable Path dataDirectory, int port) {

  /** Checks the values and keeps an unmodifiable copy of {@code serverConfig}. */
  public ServerSettings {
    serverConfig = Map.copyOf(Objects.requireNonNull(serverConfig, "serverConfig can not be null"));
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 (any) or 1-65535, was " + port);
    }
  }

  /** Not durable, no further settings, a temporary data directory, any free port. */
  public static ServerSettings defaults() {
    return new ServerSettings(false, Map.of(), null, 0);
  }

  /** These settings, durable ({@code fsync} and friends on) or not. */
  public ServerSettings withDurable(boolean durable) {
    return new ServerSettings(durable, serverConfig, dataDirectory, port);
  }

  /** These settings plus one {@code postgresql.conf} setting, such as {@code max_connections}. */
  public ServerSettings withServerConfig(String name, String value) {
    Map<String, String> config = new LinkedHashMap<>(serverConfig);
    config.put(
        Objects.requireNonNull(name, "name can not be null"),
        Objects.requireNonNull(value, "value can not be null"));
    return new ServerSettings(durable, config, dataDirectory, port);
  }

  /** These settings with the cluster in {@code directory}, which outlives the server. */
  public ServerSettings withDataDirectory(Path directory) {
    return new ServerSettings(
        durable,
        serverConfig,
        Objects.requireNonNull(directory, "directory can not be null"),
        port);
  }

  /** These settings listening on {@code port}; 0 for any free port. */
  public ServerSettings withPort(int port) {
    return new ServerSettings(durable, serverConfig, dataDirectory, port);
  }

  /** Every setting the server starts with: durability first, then {@link #serverConfig()}. */
  public Map<String, String> postgresConfig() {
    String onOff = durable ? "on" : "off";
    Map<String, String> config = new LinkedHashMap<>();
    config.put("fsync", onOff);
    config.put("synchronous_commit", onOff);
    config.put("full_page_writes", onOff);
    config.putAll(serverConfig);
    return config;
  }
}
