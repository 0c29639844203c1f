package dev.racefree.lab.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a run's requests came to.
 *
 * @param succeeded requests that moved the money
 * @param rejected requests the database refused (insufficient funds, retries exhausted)
 * @param retries lost races retried on the way, over all requests
 * @param deadlocks requests that failed with a deadlock PostgreSQL detected
 * @param errors requests that failed with anything else: never expected of racefree
 */
@JsonPropertyOrder({"succeeded", "rejected", "retries", "deadlocks", "errors"})
public record Requests(long succeeded, long rejected, long retries, long deadlocks, long errors) {

  /** Nothing ran. */
  public static final Requests NONE = new Requests(0, 0, 0, 0, 0);
}
