package dev.racefree.lab;

/**
 * What one operation did: the money moved ({@code succeeded}) or the database refused it, and how
 * many lost races it retried on the way.
 */
record Outcome(boolean succeeded, int retries) {

  static final Outcome SUCCEEDED = new Outcome(true, 0);
  static final Outcome REJECTED = new Outcome(false, 0);
}
