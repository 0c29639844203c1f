package dev.racefree;

import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InvalidArgumentException;

/**
 * A client's idempotency key. The same key with the same request returns the stored outcome of the
 * first execution, and nothing runs again; with a different request it is an {@link
 * IdempotencyConflictException}. {@code scope} separates key spaces, such as one per client or
 * tenant.
 *
 * @param scope 1 to 100 characters
 * @param key 1 to 200 characters, for example a UUID the client made
 */
public record IdempotencyKey(String scope, String key) {

  /** Validates both parts. */
  public IdempotencyKey {
    Check.notNull(scope, "scope");
    Check.notNull(key, "key");
    if (scope.isEmpty() || scope.length() > 100) {
      throw new InvalidArgumentException(
          "scope must be 1 to 100 characters, was " + scope.length());
    }
    if (key.isEmpty() || key.length() > 200) {
      throw new InvalidArgumentException("key must be 1 to 200 characters, was " + key.length());
    }
  }

  /** The key {@code key} in scope {@code scope}. */
  public static IdempotencyKey of(String scope, String key) {
    return new IdempotencyKey(scope, key);
  }
}
