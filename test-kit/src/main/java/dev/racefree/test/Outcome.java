package dev.racefree.test;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one copy of a raced call, or one session of an interleaving, ended with: the value it
 * returned or the exception it threw.
 */
public sealed interface Outcome<T extends @Nullable Object> {

  /** Which copy (0 to n-1) or session (in the order added) this is. */
  int index();

  /** Whether the call returned rather than threw. */
  default boolean returned() {
    return this instanceof Returned<T>;
  }

  /** The call returned {@code value} (which may be {@code null}). */
  record Returned<T extends @Nullable Object>(int index, T value) implements Outcome<T> {}

  /** The call threw {@code error}. */
  record Threw<T extends @Nullable Object>(int index, Throwable error) implements Outcome<T> {
    /** Checks that {@code error} is present. */
    public Threw {
      Objects.requireNonNull(error, "error can not be null");
    }
  }
}
