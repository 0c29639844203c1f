package dev.racefree.internal.sql;

import dev.racefree.internal.schema.enums.EntryKind;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.EnumMap;
import org.jspecify.annotations.Nullable;

/** The values of one execution of a hot statement, by role. */
public final class Binds {

  private final EnumMap<Role, @Nullable Object> values = new EnumMap<>(Role.class);

  public static Binds account(long id) {
    return new Binds().set(Role.ACCOUNT_ID, id);
  }

  /**
   * A balance change of {@code delta}, checked against {@code limit}, journaled with {@code tag}.
   */
  public static Binds change(long id, long delta, long limit, EntryTag tag) {
    return change(id, delta, limit, null, tag);
  }

  /**
   * As {@link #change(long, long, long, EntryTag)}, for a debit counting {@code spent} against the
   * account's velocity limits ({@code null}: none).
   */
  public static Binds change(long id, long delta, long limit, @Nullable Long spent, EntryTag tag) {
    return account(id)
        .set(Role.SPENT, spent)
        .set(Role.DELTA, delta)
        .set(Role.LIMIT, limit)
        .set(Role.ENTRY_AMOUNT, delta)
        .set(Role.ENTRY_KIND, tag.kind())
        .set(Role.CORRELATION_ID, tag.correlationId())
        .set(Role.IDEMPOTENCY_KEY_ID, tag.idempotencyKeyId())
        .set(Role.POSTING_ID, tag.postingId())
        .set(Role.COUNTERPARTY_ID, tag.counterpartyId())
        .set(Role.REFERENCE, tag.posting().reference())
        .set(Role.UNIQUE_REFERENCE, tag.posting().uniqueReference())
        .set(Role.CODE, tag.posting().code())
        .set(Role.METADATA_KEYS, Metadata.keys(tag.posting().metadata()))
        .set(Role.METADATA_VALUES, Metadata.values(tag.posting().metadata()));
  }

  private Binds set(Role role, @Nullable Object value) {
    values.put(role, value);
    return this;
  }

  /** The value for {@code role}; {@code null} is a value too (an absent correlation id or key). */
  public @Nullable Object get(Role role) {
    return values.get(role);
  }

  private static int sqlType(Role role) {
    return switch (role) {
      case CORRELATION_ID, POSTING_ID -> Types.OTHER;
      case REFERENCE -> Types.VARCHAR;
      case CODE -> Types.INTEGER;
      case UNIQUE_REFERENCE -> Types.BOOLEAN;
      case METADATA_KEYS, METADATA_VALUES -> Types.ARRAY;
      default -> Types.BIGINT;
    };
  }

  /** Binds {@code role}'s value at {@code position}, as PgJDBC needs it. */
  public void bind(PreparedStatement ps, int position, Role role) throws SQLException {
    Object value = values.get(role);
    switch (value) {
      case null -> ps.setNull(position, sqlType(role));
      case Long l -> ps.setLong(position, l);
      case Integer i -> ps.setInt(position, i);
      case Boolean b -> ps.setBoolean(position, b);
      case String text -> ps.setString(position, text);
      case String[] texts -> ps.setArray(position, ps.getConnection().createArrayOf("text", texts));
      // As jOOQ binds an enum: text, cast to racefree.entry_kind in the SQL, so that a prepared
      // statement never holds on to the type's oid.
      case EntryKind kind -> ps.setString(position, kind.getLiteral());
      default -> ps.setObject(position, value);
    }
  }
}
