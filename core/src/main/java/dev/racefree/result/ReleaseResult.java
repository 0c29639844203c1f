package dev.racefree.result;

import dev.racefree.Holds;

/** The outcome of {@link Holds#release}. Every case but {@link Released} changed nothing. */
public sealed interface ReleaseResult permits Released, HoldRefusal {}
