package dev.racefree.spring;

import dev.racefree.db.RacefreeMigrations;

/**
 * racefree's migrations failed at start-up, so the context does not start: schema {@value
 * RacefreeMigrations#SCHEMA} could not be brought up to date. The cause is Flyway's exception; Boot
 * reports the failure with a description and an action ({@link RacefreeFailureAnalyzer}).
 */
public final class RacefreeMigrationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The migrations failed with {@code cause}. */
  public RacefreeMigrationException(Throwable cause) {
    super(
        "racefree could not bring schema "
            + RacefreeMigrations.SCHEMA
            + " up to date at start-up: "
            + cause.getMessage(),
        cause);
  }
}
