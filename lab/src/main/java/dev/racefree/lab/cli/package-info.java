/**
 * The command line only: the commands ({@code race}, {@code bench}, {@code chaos}, {@code verify}),
 * their picocli options, what they print and their exit codes. What each command runs lives in
 * {@code dev.racefree.lab.race}, {@code dev.racefree.lab.bench} and {@code dev.racefree.lab.chaos}.
 */
@NullMarked
package dev.racefree.lab.cli;

import org.jspecify.annotations.NullMarked;
