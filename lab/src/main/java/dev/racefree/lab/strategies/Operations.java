package dev.racefree.lab.strategies;

import dev.racefree.Accounts;
import dev.racefree.Codes;
import dev.racefree.LockPolicy;
import dev.racefree.Quotas;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.lab.load.LabCodes;
import dev.racefree.lab.load.LabQuotas;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Outcome;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.AccountFrozen;
import dev.racefree.result.CodeExhausted;
import dev.racefree.result.CodeExpired;
import dev.racefree.result.CodeNotYetValid;
import dev.racefree.result.CodeRedeemed;
import dev.racefree.result.CodeResult;
import dev.racefree.result.Consumed;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.LockResult;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.QuotaExhausted;
import dev.racefree.result.QuotaResult;
import dev.racefree.result.RedeemerLimitReached;
import dev.racefree.result.UnknownCode;
import dev.racefree.result.VelocityLimitExceeded;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Operation} that carries out each {@link Strategy}'s debit, consumption or redemption.
 */
public final class Operations {

  /** The units each request of a quota strategy consumes. */
  public static final long QUOTA_UNITS = 1;

  private Operations() {}

  /**
   * A debit of {@code amount} the way {@code strategy} does it, on {@code dsl} (autocommit,
   * pooled). {@code gap} only affects {@link Strategy#NAIVE}, {@code retry} only {@link
   * Strategy#OPTIMISTIC}.
   */
  public static Operation debit(
      Strategy strategy, DSLContext dsl, long amount, Gap gap, @Nullable RetryPolicy retry) {
    Racefree racefree = Racefree.using(dsl);
    Accounts accounts = racefree.accounts();
    return switch (strategy) {
      case NAIVE -> new NaiveDebit(dsl, amount, gap);
      case ATOMIC -> id -> outcome(accounts.debit(id, amount));
      case PESSIMISTIC ->
          id ->
              locked(
                  id,
                  accounts.withLock(
                      id, LockPolicy.waitIndefinitely(), locked -> locked.debit(amount)));
      case OPTIMISTIC ->
          new OptimisticDebit(
              accounts, amount, Objects.requireNonNull(retry, "optimistic needs a retry policy"));
      case HOLDS -> new HeldDebit(racefree.holds(), amount);
      case BATCHED -> new BatchedDebit(racefree, amount);
      case QUOTA, NAIVE_QUOTA ->
          throw new IllegalArgumentException(strategy + " consumes a quota: see quota(...)");
      case CODE, NAIVE_CODE ->
          throw new IllegalArgumentException(strategy + " redeems codes: see code(...)");
      case VELOCITY, NAIVE_VELOCITY ->
          throw new IllegalArgumentException(strategy + " spends under a limit: see velocity(...)");
    };
  }

  /**
   * A consumption of {@link #QUOTA_UNITS} from the counter of the account a request goes to, under
   * {@code scope}, against {@code cap}, the way {@code strategy} does it, on {@code dsl}
   * (autocommit, pooled). {@code gap} only affects {@link Strategy#NAIVE_QUOTA}.
   */
  public static Operation quota(
      Strategy strategy, DSLContext dsl, String scope, long cap, Gap gap) {
    return switch (strategy) {
      case QUOTA -> {
        Quotas quotas = Racefree.using(dsl).quotas();
        yield id ->
            outcome(quotas.consume(scope, LabQuotas.key(id), QUOTA_UNITS, cap, LabQuotas.PERIOD));
      }
      case NAIVE_QUOTA -> new NaiveQuota(dsl, scope, cap, gap);
      default -> throw new IllegalArgumentException(strategy + " does not consume a quota");
    };
  }

  /**
   * A redemption of the code a request goes to, for the redeemer {@code codes} draws, the way
   * {@code strategy} does it, on {@code dsl} (pooled); what each client was told is recorded in
   * {@code codes}. {@code gap} only affects {@link Strategy#NAIVE_CODE}.
   */
  public static Operation code(Strategy strategy, DSLContext dsl, LabCodes codes, Gap gap) {
    return switch (strategy) {
      case CODE -> {
        Codes racefree = Racefree.using(dsl).codes();
        yield id -> {
          int index = codes.index(id);
          int redeemer = codes.nextRedeemer();
          return outcome(
              racefree.redeem(codes.text(index), LabCodes.redeemer(redeemer)),
              codes,
              index,
              redeemer);
        };
      }
      case NAIVE_CODE -> new NaiveCode(dsl, codes, gap);
      default -> throw new IllegalArgumentException(strategy + " does not redeem codes");
    };
  }

  /**
   * A debit of {@code amount} from an account with a daily limit of {@code limit} minor units, the
   * way {@code strategy} does it, on {@code dsl} (pooled): {@link Strategy#VELOCITY} relies on the
   * velocity limit set on the account, {@link Strategy#NAIVE_VELOCITY} checks {@code limit} itself.
   * {@code gap} only affects {@link Strategy#NAIVE_VELOCITY}.
   */
  public static Operation velocity(
      Strategy strategy, DSLContext dsl, long amount, long limit, Gap gap) {
    return switch (strategy) {
      case VELOCITY -> {
        Accounts accounts = Racefree.using(dsl).accounts();
        yield id -> outcome(accounts.debit(id, amount));
      }
      case NAIVE_VELOCITY -> new NaiveVelocity(dsl, amount, limit, gap);
      default -> throw new IllegalArgumentException(strategy + " spends under no limit");
    };
  }

  /**
   * A redemption's result as the lab counts it, recorded in {@code codes}: redeemed, or refused at
   * either cap; a code unknown or outside its window is a failure (the lab's codes are always
   * valid).
   */
  static Outcome outcome(CodeResult result, LabCodes codes, int index, int redeemer) {
    return switch (result) {
      case CodeRedeemed r -> {
        codes.granted(index, redeemer);
        yield Outcome.SUCCEEDED;
      }
      case CodeExhausted e -> {
        codes.exhausted();
        yield Outcome.REJECTED;
      }
      case RedeemerLimitReached l -> {
        codes.atLimit();
        yield Outcome.REJECTED;
      }
      case UnknownCode u ->
          throw new IllegalStateException("the lab's code " + codes.text(index) + " vanished");
      case CodeNotYetValid n ->
          throw new IllegalStateException("the lab's code " + n.codeId() + " is not yet valid");
      case CodeExpired x ->
          throw new IllegalStateException("the lab's code " + x.codeId() + " expired");
    };
  }

  /** A consumption's result as the lab counts it: consumed, or refused at the cap. */
  static Outcome outcome(QuotaResult result) {
    return switch (result) {
      case Consumed c -> Outcome.SUCCEEDED;
      case QuotaExhausted e -> Outcome.REJECTED;
    };
  }

  /** A debit's result as the lab counts it; a vanished, frozen or closed account is a failure. */
  static Outcome outcome(DebitResult result) {
    return switch (result) {
      case Debited d -> Outcome.SUCCEEDED;
      case InsufficientFunds f -> Outcome.REJECTED;
      case VelocityLimitExceeded v -> Outcome.REJECTED;
      case NoSuchAccount n ->
          throw new IllegalStateException("the lab's account " + n.id() + " vanished");
      case AccountFrozen f ->
          throw new IllegalStateException("the lab's account " + f.accountId() + " is frozen");
      case AccountClosed c ->
          throw new IllegalStateException("the lab's account " + c.accountId() + " is closed");
    };
  }

  private static Outcome locked(long id, LockResult<DebitResult> result) {
    return switch (result) {
      case LockResult.Acquired<DebitResult> a -> outcome(a.value());
      case LockResult.NotAcquired<DebitResult> n -> Outcome.REJECTED; // not with waitIndefinitely()
      case LockResult.Missing<DebitResult> m ->
          throw new IllegalStateException("the lab's account " + id + " vanished");
    };
  }
}
