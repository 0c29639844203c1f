package dev.racefree.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Every outcome of a burst or of one schedule of an interleaving, in index order.
 *
 * <pre>{@code
 * Outcomes<DebitResult> o = Races.burst(64, i -> rf.accounts().debit(id, 100));
 * assertThat(o.count(Debited.class)).isEqualTo(1);
 * }</pre>
 */
public final class Outcomes<T extends @Nullable Object> {

  private final List<Outcome<T>> all;

  /** The outcomes, in index order. */
  public Outcomes(List<Outcome<T>> all) {
    this.all = List.copyOf(Objects.requireNonNull(all, "all can not be null"));
  }

  /** Every outcome, in index order. */
  public List<Outcome<T>> all() {
    return all;
  }

  /** How many outcomes there are. */
  public int size() {
    return all.size();
  }

  /** The values of the calls that returned, in index order ({@code null}s kept). */
  public List<T> values() {
    return all.stream()
        .filter(o -> o instanceof Outcome.Returned<T>)
        .map(o -> ((Outcome.Returned<T>) o).value())
        .collect(Collectors.toList());
  }

  /** The exceptions of the calls that threw, in index order. */
  public List<Throwable> errors() {
    return all.stream()
        .filter(o -> o instanceof Outcome.Threw<T>)
        .map(o -> ((Outcome.Threw<T>) o).error())
        .toList();
  }

  /** How many calls returned a value that {@code success} accepts. */
  public long count(Predicate<? super T> success) {
    Objects.requireNonNull(success, "success can not be null");
    return values().stream().filter(success).count();
  }

  /** How many calls returned an instance of {@code type}: a result record, say. */
  public long count(Class<?> type) {
    Objects.requireNonNull(type, "type can not be null");
    return values().stream().filter(type::isInstance).count();
  }

  /** How many calls threw an instance of {@code type}. */
  public long countThrown(Class<? extends Throwable> type) {
    Objects.requireNonNull(type, "type can not be null");
    return errors().stream().filter(type::isInstance).count();
  }

  /**
   * The outcomes counted by kind: each value's class, or each exception's, by simple name ({@code
   * "Debited"}, {@code "InsufficientFunds"}, {@code "threw PSQLException"}, {@code "null"}).
   */
  public Map<String, Long> byType() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Outcome<T> o : all) {
      String kind =
          switch (o) {
            case Outcome.Returned<T> r ->
                r.value() == null ? "null" : r.value().getClass().getSimpleName();
            case Outcome.Threw<T> t -> "threw " + t.error().getClass().getSimpleName();
          };
      counts.merge(kind, 1L, Long::sum);
    }
    return counts;
  }

  @Override
  public String toString() {
    return byType().toString();
  }
}
