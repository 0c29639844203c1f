/**
 * Runs the application's {@link dev.racefree.spring.ChangeHandler} beans: {@link
 * dev.racefree.spring.feed.ChangeFeedRunners} polls the change feed for each, under {@link
 * dev.racefree.spring.feed.RacefreeFeedProperties}.
 */
@NullMarked
package dev.racefree.spring.feed;

import org.jspecify.annotations.NullMarked;
