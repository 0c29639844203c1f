/** The kit's machinery: the parking JDBC wrappers and the scheduler. Not API. */
@NullMarked
package dev.racefree.test.internal;

import org.jspecify.annotations.NullMarked;
