package dev.racefree.lab.load;

/**
 * What one operation did: the money moved ({@code succeeded}) or the database refused it, and how
 * many lost races it retried on the way.
 */
public record Outcome(boolean succeeded, int retries) {

  public static final Outcome SUCCEEDED = new Outcome(true, 0);
  public static final Outcome REJECTED = new Outcome(false, 0);
}
