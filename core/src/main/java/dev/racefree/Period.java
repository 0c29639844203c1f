package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The span a cap counts over, judged by the database's clock: a calendar {@linkplain #day day},
 * {@linkplain #week week} (from Monday) or {@linkplain #month month} in a named time zone, so a
 * "day" ends at midnight where the customer is; a {@linkplain #rolling(Duration) rolling window} of
 * whole seconds; or the {@linkplain #total() total}, which never resets.
 *
 * <p>A rolling window keeps its usage in up to 100 buckets of a hundredth of the window (at least a
 * second). Usage counts until its bucket has wholly left the window, so no window of that length
 * ever holds more than the cap; a unit may count up to one bucket longer than the window.
 */
public final class Period {

  /** The longest rolling window. */
  public static final Duration MAX_WINDOW = Duration.ofDays(366);

  /** The most buckets a rolling window keeps. */
  public static final int BUCKETS = 100;

  private enum Unit {
    DAY,
    WEEK,
    MONTH,
    ROLLING,
    TOTAL
  }

  private static final Period TOTAL = new Period(Unit.TOTAL, null, 0);

  private static final java.util.Set<String> REGIONS = ZoneId.getAvailableZoneIds();

  private final Unit unit;
  private final @Nullable ZoneId zone;
  private final long seconds;

  private Period(Unit unit, @Nullable ZoneId zone, long seconds) {
    this.unit = unit;
    this.zone = zone;
    this.seconds = seconds;
  }

  /** The calendar day in {@code zone}: from midnight to midnight there. */
  public static Period day(ZoneId zone) {
    return new Period(Unit.DAY, zone(zone), 0);
  }

  /** The calendar week in {@code zone}: from Monday midnight there. */
  public static Period week(ZoneId zone) {
    return new Period(Unit.WEEK, zone(zone), 0);
  }

  /** The calendar month in {@code zone}: from the first, at midnight there. */
  public static Period month(ZoneId zone) {
    return new Period(Unit.MONTH, zone(zone), 0);
  }

  /**
   * The last {@code window} at every moment.
   *
   * @param window whole seconds, 1 second to {@link #MAX_WINDOW}
   */
  public static Period rolling(Duration window) {
    Check.notNull(window, "window");
    if (window.getNano() != 0 || window.getSeconds() < 1 || window.compareTo(MAX_WINDOW) > 0) {
      throw new InvalidArgumentException(
          "window must be whole seconds from 1 second to " + MAX_WINDOW + ", was " + window);
    }
    return new Period(Unit.ROLLING, null, window.getSeconds());
  }

  /** No period: the cap counts every unit ever consumed and not given back. */
  public static Period total() {
    return TOTAL;
  }

  private static ZoneId zone(ZoneId zone) {
    Check.notNull(zone, "zone");
    ZoneId normal = zone.normalized();
    if (normal.equals(ZoneOffset.UTC)) {
      return ZoneOffset.UTC;
    }
    String id = zone.getId();
    if (normal instanceof ZoneOffset || id.indexOf('/') < 0 || !REGIONS.contains(id)) {
      // PostgreSQL reads "+02:00" as a POSIX zone, two hours west, and "CET" as the abbreviation
      // of a fixed offset: only Area/Location ids mean the same zone, daylight saving included.
      throw new InvalidArgumentException(
          "zone must be UTC or a region id such as Europe/Paris, was " + id);
    }
    return zone;
  }

  /** The period a quota or velocity row names by its unit, zone and seconds. Not API. */
  static Period of(String unit, String zone, long seconds) {
    return switch (Unit.valueOf(unit.toUpperCase(java.util.Locale.ROOT))) {
      case DAY -> day(ZoneId.of(zone));
      case WEEK -> week(ZoneId.of(zone));
      case MONTH -> month(ZoneId.of(zone));
      case ROLLING -> rolling(Duration.ofSeconds(seconds));
      case TOTAL -> TOTAL;
    };
  }

  /** The time zone of a calendar period, or {@code null}. */
  public @Nullable ZoneId zone() {
    return zone;
  }

  /** A rolling window's length, or {@code null}. */
  public @Nullable Duration window() {
    return unit == Unit.ROLLING ? Duration.ofSeconds(seconds) : null;
  }

  /** The unit as the database's quota functions name it. Not API. */
  String unit() {
    return unit.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** A rolling window's bucket, in seconds (1 for the others). Not API. */
  long granule() {
    return unit == Unit.ROLLING ? Math.max(1, (seconds + BUCKETS - 1) / BUCKETS) : 1;
  }

  /** A rolling window's length in seconds (0 for the others). Not API. */
  long seconds() {
    return seconds;
  }

  /** The zone as the database reads it ({@code UTC} for the periods without one). Not API. */
  String zoneName() {
    return zone == null || zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  /** {@code day@Europe/Paris}, {@code rolling:3600s} or {@code total}: how a quota row names it. */
  @Override
  public String toString() {
    return switch (unit) {
      case DAY, WEEK, MONTH -> unit() + "@" + zoneName();
      case ROLLING -> "rolling:" + seconds + "s";
      case TOTAL -> "total";
    };
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Period p
        && unit == p.unit
        && Objects.equals(zoneName(), p.zoneName())
        && seconds == p.seconds;
  }

  @Override
  public int hashCode() {
    return Objects.hash(unit, zoneName(), seconds);
  }
}
