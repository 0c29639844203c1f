/**
 * The build-time tool that generates racefree's jOOQ classes from a PostgreSQL migrated by
 * racefree-db: {@link dev.racefree.codegen.Codegen}.
 */
@NullMarked
package dev.racefree.codegen;

import org.jspecify.annotations.NullMarked;
