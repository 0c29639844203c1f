package dev.racefree.lab.chaos;

import java.util.List;

/**
 * The faults one chaos run injected.
 *
 * @param kills backends terminated
 * @param crashes server crashes ({@code kill -9}) and restarts, or failovers
 * @param cuts connections cut by the proxy, those after a COMMIT included
 * @param commitCuts connections cut just after a COMMIT reached the server
 * @param syncWaitKills backends terminated while their COMMIT waited for the synchronous standby
 * @param failover whether the server fault was a failover to the standby
 * @param recoveries per server fault, its kind and the time from it to the first write acknowledged
 *     after it
 */
public record Faults(
    int kills,
    int crashes,
    int cuts,
    int commitCuts,
    int syncWaitKills,
    boolean failover,
    List<FaultRecovery> recoveries) {

  public Faults {
    recoveries = List.copyOf(recoveries);
  }
}
