package dev.racefree.test;

import org.jspecify.annotations.Nullable;

/** One copy of a raced call; {@code copy} runs from 0 to n-1, so copies can differ. */
@FunctionalInterface
public interface CopyCall<T extends @Nullable Object> {

  /** Runs copy number {@code copy}. */
  T call(int copy) throws Exception;
}
