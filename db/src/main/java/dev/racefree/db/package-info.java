/**
 * racefree's schema: the Flyway migrations under {@code classpath:db/racefree} and {@link
 * dev.racefree.db.RacefreeMigrations}, which applies them.
 */
@NullMarked
package dev.racefree.db;

import org.jspecify.annotations.NullMarked;
