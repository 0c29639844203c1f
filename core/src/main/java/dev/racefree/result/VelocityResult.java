package dev.racefree.result;

import dev.racefree.Limits;

/**
 * The outcome of {@link Limits#setVelocity} and {@link Limits#removeVelocity}. Every case but
 * {@link VelocityLimitsSet} changed nothing.
 */
public sealed interface VelocityResult permits VelocityLimitsSet, NoSuchAccount, AccountClosed {}
