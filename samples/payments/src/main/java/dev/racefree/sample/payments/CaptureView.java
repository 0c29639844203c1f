package dev.racefree.sample.payments;

/** A hold captured: how much was taken, and the balance it left. */
public record CaptureView(long holdId, long captured, long balance) {}
