package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The caller's own description of a movement, stored on every entry it writes: a {@linkplain
 * #reference(String) reference} (an order or payment id), a {@linkplain #code(int) code} for the
 * kind of business event, {@linkplain #metadata(String, String) metadata}, and, for a credit or a
 * debit, the {@linkplain #external(long) external account} the money comes from or goes to
 * (otherwise the currency's default external account).
 *
 * <p>Immutable: every method returns a new value. Each argument is checked when it is given, before
 * any SQL. A posting is part of an idempotency key's request: the same key with another posting is
 * a conflict.
 *
 * <pre>{@code
 * rf.accounts().credit(id, 500, Posting.of().reference("payment-12").code(1));
 * }</pre>
 */
public final class Posting {

  /** The longest reference, in characters. */
  public static final int MAX_REFERENCE = 200;

  /** At most this many metadata entries. */
  public static final int MAX_METADATA_ENTRIES = 50;

  /** The longest metadata key, in characters. */
  public static final int MAX_METADATA_KEY = 40;

  /** The longest metadata value, in characters. */
  public static final int MAX_METADATA_VALUE = 500;

  private static final Posting NONE = new Posting(null, false, null, Map.of(), null);

  private final @Nullable String reference;
  private final boolean uniqueReference;
  private final @Nullable Integer code;
  private final Map<String, String> metadata;
  private final @Nullable Long external;

  private Posting(
      @Nullable String reference,
      boolean uniqueReference,
      @Nullable Integer code,
      Map<String, String> metadata,
      @Nullable Long external) {
    this.reference = reference;
    this.uniqueReference = uniqueReference;
    this.code = code;
    this.metadata = metadata;
    this.external = external;
  }

  /** No description: what every call without a posting stores. */
  public static Posting of() {
    return NONE;
  }

  /** With the caller's {@code reference}: 1 to {@value #MAX_REFERENCE} characters. */
  public Posting reference(String reference) {
    return new Posting(
        Check.text(reference, "reference", MAX_REFERENCE), false, code, metadata, external);
  }

  /**
   * With a {@code reference} that no other entry of the same account may carry as unique: a repeat
   * is refused with {@link dev.racefree.exception.DuplicateReferenceException} and changes nothing.
   */
  public Posting uniqueReference(String reference) {
    return new Posting(
        Check.text(reference, "reference", MAX_REFERENCE), true, code, metadata, external);
  }

  /** With a {@code code} for the kind of business event (any integer; the team's own table). */
  public Posting code(int code) {
    return new Posting(reference, uniqueReference, code, metadata, external);
  }

  /**
   * With one more metadata entry: at most {@value #MAX_METADATA_ENTRIES}, keys of 1 to {@value
   * #MAX_METADATA_KEY} characters, values of 1 to {@value #MAX_METADATA_VALUE}. Stored as a flat
   * {@code jsonb} object of strings.
   */
  public Posting metadata(String key, String value) {
    String k = Check.text(key, "metadata key", MAX_METADATA_KEY);
    String v = Check.text(value, "metadata value", MAX_METADATA_VALUE);
    Map<String, String> more = new TreeMap<>(metadata);
    more.put(k, v);
    if (more.size() > MAX_METADATA_ENTRIES) {
      throw new InvalidArgumentException(
          "metadata must have at most " + MAX_METADATA_ENTRIES + " entries");
    }
    return new Posting(reference, uniqueReference, code, Map.copyOf(more), external);
  }

  /**
   * For a credit (a deposit) or a debit (a withdrawal): the external account, of the account's
   * currency, on the other side. Without it, the currency's default external account is.
   */
  public Posting external(long externalAccountId) {
    return new Posting(
        reference,
        uniqueReference,
        code,
        metadata,
        Check.id(externalAccountId, "externalAccountId"));
  }

  public @Nullable String reference() {
    return reference;
  }

  /** Whether the reference is unique per account. */
  public boolean uniqueReference() {
    return uniqueReference;
  }

  public @Nullable Integer code() {
    return code;
  }

  /** The metadata, in key order. */
  public Map<String, String> metadata() {
    return new TreeMap<>(metadata);
  }

  /** The external account named by {@link #external(long)}, or {@code null}. */
  public @Nullable Long external() {
    return external;
  }

  /** Whether this describes nothing, as {@link #of()}. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Posting p
        && Objects.equals(reference, p.reference)
        && uniqueReference == p.uniqueReference
        && Objects.equals(code, p.code)
        && metadata.equals(p.metadata)
        && Objects.equals(external, p.external);
  }

  @Override
  public int hashCode() {
    return Objects.hash(reference, uniqueReference, code, metadata, external);
  }

  @Override
  public String toString() {
    return "Posting[reference="
        + reference
        + (uniqueReference ? " (unique)" : "")
        + ", code="
        + code
        + ", metadata="
        + metadata()
        + ", external="
        + external
        + "]";
  }
}
