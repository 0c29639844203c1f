package dev.racefree.spring;

import dev.racefree.ChangePage;

/**
 * A consumer of racefree's change feed, run by the starter: define a bean of this type and the
 * starter polls the feed for it ({@code racefree.feed.*}). Each page comes inside a Spring
 * transaction that then stores the consumer's cursor (table {@code change_feed_cursors}, keyed by
 * {@link #consumer()}): what {@link #handle} writes through Spring-managed resources (Boot's {@code
 * DSLContext}, a {@code JdbcTemplate}, {@code @Transactional} beans that join) commits with the
 * cursor, or neither does, so every entry is handled exactly once. An exception rolls both back;
 * the same page comes again at the next poll.
 */
public interface ChangeHandler {

  /** The consumer's name, 1 to 200 characters, unique in the database: its cursor's key. */
  String consumer();

  /** Handles one page, never empty, in the transaction that stores the cursor past it. */
  void handle(ChangePage page);
}
