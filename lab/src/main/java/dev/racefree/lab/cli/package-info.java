/**
 * The commands ({@code race}, {@code bench}, {@code verify}), their picocli options, and what each
 * runs: a race of the strategies, a bench of racefree against its baselines, an audit.
 */
package dev.racefree.lab.cli;
