/**
 * What an operation decided: sealed interfaces of records, one per operation, so a lost race is a
 * value the compiler makes the caller handle, never an exception.
 */
@NullMarked
package dev.racefree.result;

import org.jspecify.annotations.NullMarked;
