package dev.racefree.lab.load;

/**
 * One client request against one account, as a strategy carries it out. Implementations are used by
 * one client thread at a time. Expected refusals are {@link Outcome}s; anything thrown is counted
 * as a failure (deadlock or error) by the {@link LoadRunner}.
 */
@FunctionalInterface
public interface Operation {

  Outcome apply(long accountId) throws Exception;
}
