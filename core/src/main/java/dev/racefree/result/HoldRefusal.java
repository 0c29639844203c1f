package dev.racefree.result;

/**
 * Why a capture or release of a hold changed nothing, for reasons both share: the hold is unknown,
 * or ended already (captured, released, or expired).
 */
public sealed interface HoldRefusal extends CaptureResult, ReleaseResult
    permits UnknownHold, AlreadyCaptured, AlreadyReleased, HoldExpired {}
