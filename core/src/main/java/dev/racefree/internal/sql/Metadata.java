package dev.racefree.internal.sql;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;

import dev.racefree.internal.schema.Routines;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * A posting's metadata as stored: a flat JSON object of strings in a {@code jsonb} column, written
 * from and read back into a {@code Map<String, String>} through the schema's typed functions
 * ({@code metadata_of}, {@code metadata_keys}, {@code metadata_values}).
 */
public final class Metadata {

  private Metadata() {}

  /** The {@code jsonb} object of {@code metadata}, or SQL {@code NULL} when it is empty. */
  public static Field<JSONB> json(Map<String, String> metadata) {
    if (metadata.isEmpty()) {
      return inline(null, SQLDataType.JSONB);
    }
    Map<String, String> sorted = new TreeMap<>(metadata);
    return Routines.metadataOf(
        val(sorted.keySet().toArray(String[]::new)), val(sorted.values().toArray(String[]::new)));
  }

  /**
   * The keys of {@code metadata} in key order, as {@link #json} binds them; {@code null} if empty.
   */
  public static String @Nullable [] keys(Map<String, String> metadata) {
    return metadata.isEmpty() ? null : new TreeMap<>(metadata).keySet().toArray(String[]::new);
  }

  /** The values of {@code metadata} in the order of {@link #keys(Map)}; {@code null} if empty. */
  public static String @Nullable [] values(Map<String, String> metadata) {
    return metadata.isEmpty() ? null : new TreeMap<>(metadata).values().toArray(String[]::new);
  }

  /** The keys of a stored object, in key order. */
  public static Field<String[]> keys(Field<JSONB> metadata) {
    return Routines.metadataKeys(metadata);
  }

  /** The values of a stored object, in the order of {@link #keys}. */
  public static Field<String[]> values(Field<JSONB> metadata) {
    return Routines.metadataValues(metadata);
  }

  /** The map that {@link #keys} and {@link #values} read back; empty for {@code null}. */
  public static Map<String, String> map(String @Nullable [] keys, String @Nullable [] values) {
    Map<String, String> metadata = new LinkedHashMap<>();
    if (keys != null && values != null) {
      for (int i = 0; i < keys.length; i++) {
        metadata.put(keys[i], values[i]);
      }
    }
    return metadata;
  }
}
