/**
 * Not API: the start-up check that the application's own Flyway migrations ({@code
 * classpath:db/migration}) have something to run them, registered by {@link
 * dev.racefree.spring.RacefreeAutoConfiguration}. Public only for the auto-configuration; it may
 * change or go in any release.
 */
@NullMarked
package dev.racefree.spring.internal.migrations;

import org.jspecify.annotations.NullMarked;
