/**
 * An embedded PostgreSQL for racefree's code generator, integration tests and race lab: {@link
 * dev.racefree.embedded.EmbeddedPostgresServer} started with {@link
 * dev.racefree.embedded.ServerSettings}.
 */
@NullMarked
package dev.racefree.embedded;

import org.jspecify.annotations.NullMarked;
