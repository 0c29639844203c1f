package dev.racefree.internal.check;

import dev.racefree.exception.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;

/** Argument checks that run before any SQL. Each message names the argument. */
public final class Check {

  /** The longest owner, purpose or redeemer name accepted. */
  public static final int MAX_NAME = 200;

  private Check() {}

  public static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new InvalidArgumentException(name + " can not be null");
    }
    return value;
  }

  public static <T> List<T> noNulls(List<T> values, String name) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new InvalidArgumentException(name + "[" + i + "] can not be null");
      }
    }
    return values;
  }

  public static long id(long id, String name) {
    if (id <= 0) {
      throw new InvalidArgumentException(name + " must be a positive id, was " + id);
    }
    return id;
  }

  public static long amount(long amount, String name) {
    if (amount <= 0) {
      throw new InvalidArgumentException(name + " must be positive (minor units), was " + amount);
    }
    return amount;
  }

  public static long balance(long balance, String name) {
    if (balance < 0) {
      throw new InvalidArgumentException(name + " can not be negative, was " + balance);
    }
    return balance;
  }

  /** The earliest and latest instants accepted, within what Java and PostgreSQL both hold. */
  public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

  public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

  /** The instant as the database's type, refused when null or outside years 1 to 9999. */
  public static OffsetDateTime instant(Instant value, String name) {
    notNull(value, name);
    if (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT)) {
      throw new InvalidArgumentException(
          name + " must be between " + MIN_INSTANT + " and " + MAX_INSTANT + ", was " + value);
    }
    return OffsetDateTime.ofInstant(value, ZoneOffset.UTC);
  }

  /** A balance bound: within +/- 2^62, so that no sum of two bounds overflows. */
  public static long bound(long value, String name) {
    if (value < -(1L << 62) || value > (1L << 62)) {
      throw new InvalidArgumentException(name + " must be between -2^62 and 2^62, was " + value);
    }
    return value;
  }

  public static String name(String value, String name) {
    return text(value, name, MAX_NAME);
  }

  /**
   * Text the database keeps: 1 to {@code max} UTF-16 units, not blank in any script (not only
   * spaces, but no-break, ideographic, line and paragraph separators and invisible format
   * characters such as U+200B), no control character (Unicode category Cc: NUL, which PostgreSQL's
   * text can not hold, TAB, CR, LF, DEL and the C1 controls such as U+0085 NEL), and well-formed
   * UTF-16 (no lone surrogate, which no encoding can store).
   */
  public static String text(String value, String name, int max) {
    notNull(value, name);
    if (value.isEmpty() || value.length() > max) {
      throw new InvalidArgumentException(
          name + " must be 1 to " + max + " characters, was " + value.length() + " characters");
    }
    boolean blank = true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw new InvalidArgumentException(name + " must not contain NUL, at index " + i);
      }
      if (Character.getType(c) == Character.CONTROL) {
        throw new InvalidArgumentException(
            String.format(
                "%s must not contain a control character, U+%04X at index %d", name, (int) c, i));
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++; // a whole supplementary character: never blank
        blank = false;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw new InvalidArgumentException(
            name + " must be well-formed UTF-16: a lone surrogate at index " + i);
      }
      blank &=
          Character.isWhitespace(c)
              || Character.isSpaceChar(c)
              || Character.getType(c) == Character.FORMAT;
    }
    if (blank) {
      throw new InvalidArgumentException(name + " must not be blank");
    }
    return value;
  }

  public static String currency(String code, String name) {
    notNull(code, name);
    if (!code.matches("[A-Z]{3}") || !isIsoCurrency(code)) {
      throw new InvalidArgumentException(
          name + " must be an ISO 4217 code in upper case, was '" + code + "'");
    }
    return code;
  }

  private static boolean isIsoCurrency(String code) {
    try {
      return Currency.getInstance(code).getCurrencyCode().equals(code);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A key retention: at least one second, at most {@code max}. */
  public static Duration retention(Duration retention, Duration max) {
    notNull(retention, "retention");
    if (retention.compareTo(Duration.ofSeconds(1)) < 0 || retention.compareTo(max) > 0) {
      throw new InvalidArgumentException(
          "retention must be between 1 second and " + max + ", was " + retention);
    }
    return retention;
  }
}
