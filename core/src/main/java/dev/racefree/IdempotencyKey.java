package dev.racefree;

import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;

/**
 * A client's idempotency key. The same key with the same request returns the stored outcome of the
 * first execution, and nothing runs again; with a different request it is an {@link
 * IdempotencyConflictException}. {@code scope} separates key spaces, such as one per client or
 * tenant.
 *
 * @param scope 1 to 100 characters, not blank, no NUL, well-formed UTF-16
 * @param key 1 to 200 characters, as {@code scope}; for example a UUID the client made
 */
public record IdempotencyKey(String scope, String key) {

  /**
   * Validates both parts.
   *
   * @throws InvalidArgumentException naming the part that is null, empty, too long, blank, or holds
   *     NUL or a lone surrogate
   */
  public IdempotencyKey {
    Check.text(scope, "scope", 100);
    Check.text(key, "key", 200);
  }

  /** The key {@code key} in scope {@code scope}. */
  public static IdempotencyKey of(String scope, String key) {
    return new IdempotencyKey(scope, key);
  }
}
