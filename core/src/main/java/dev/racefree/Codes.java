package dev.racefree;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.codes.CodeRows;
import dev.racefree.internal.codes.CodeValues;
import dev.racefree.internal.codes.Redeeming;
import dev.racefree.internal.codes.Reversing;
import dev.racefree.internal.runner.OperationRunner;
import dev.racefree.result.CodeRedeemed;
import dev.racefree.result.CodeResult;
import dev.racefree.result.CodeReversalResult;
import dev.racefree.result.RedemptionReversed;
import java.util.List;
import java.util.Optional;

/**
 * Multi-use codes (promotion codes, referral codes, event passes): each redeemable at most {@link
 * CodeRules#maxUses()} times in total, at most {@link CodeRules#maxPerRedeemer()} times by one
 * redeemer, inside its validity window by the database's clock. However many callers race, the
 * {@link CodeRedeemed} results never exceed either cap. Each redemption is recorded with who and
 * when, and may be {@linkplain #reverse reversed} once, which gives its use back.
 *
 * <p>A code is stored only as the SHA-256 of its text and compared exactly: {@code SPRING25} and
 * {@code spring25} are two codes, so normalise case and spaces before calling. A code the team
 * {@linkplain #create chooses} is easy to guess, and its hash protects nothing against guessing:
 * its caps and window still hold, and guesses are best rate-limited per client with {@link
 * Racefree#quotas()}. A {@linkplain #generate generated} code has 256 random bits: it can not be
 * guessed, and a copy of the database does not reveal it.
 *
 * <p>A redemption is one transaction of two statements: the first locks the code's row ({@code
 * SELECT ... FOR NO KEY UPDATE}), so the redemptions of one code are decided one after another; the
 * second, which starts only once the lock is held, reads the redeemer's count and counts the use
 * and writes the redemption in one conditional statement. The count is read by a statement of its
 * own because, under READ COMMITTED, a statement that waited for the lock still reads the snapshot
 * it started with, which misses the redemption it waited for.
 */
public final class Codes {

  /** The largest page {@link #redemptions} returns. */
  public static final int MAX_PAGE = 1_000;

  private final OperationRunner db;

  Codes(OperationRunner db) {
    this.db = db;
  }

  /**
   * Creates a code whose text the team chose, such as {@code SPRING25}.
   *
   * @param code the code's text, 1 to 200 characters, compared exactly
   * @param purpose what the code is for, 1 to 200 characters
   * @return the code's id
   * @throws InvalidArgumentException when a code with this text exists (nothing is changed)
   */
  public long create(String code, String purpose, CodeRules rules) {
    CodeValues.check(code, "code");
    Check.name(purpose, "purpose");
    Check.notNull(rules, "rules");
    byte[] hash = CodeValues.hash(code);
    return db.run("codes.create", tx -> CodeRows.insert(tx.dsl(), hash, purpose, rules))
        .orElseThrow(() -> new InvalidArgumentException("code exists already: choose another"));
  }

  /**
   * Creates a code of 256 random bits, URL-safe Base64 (43 characters).
   *
   * @param purpose what the code is for, 1 to 200 characters
   * @return the code; its value is shown this once
   */
  public IssuedCode generate(String purpose, CodeRules rules) {
    Check.name(purpose, "purpose");
    Check.notNull(rules, "rules");
    String value = CodeValues.generate();
    byte[] hash = CodeValues.hash(value);
    long id =
        db.run("codes.generate", tx -> CodeRows.insert(tx.dsl(), hash, purpose, rules))
            .orElseThrow(() -> new InternalErrorException("a generated code's hash exists"));
    return new IssuedCode(id, value, purpose, rules);
  }

  /**
   * Redeems the code once for {@code redeemer}, if it is inside its window by the database's clock,
   * has a use left, and {@code redeemer} holds fewer than its cap per redeemer of its redemptions
   * not reversed.
   *
   * @param code the code's text, as created or generated
   * @param redeemer who redeems it, 1 to 200 characters; recorded with the redemption
   */
  public CodeResult redeem(String code, String redeemer) {
    CodeValues.check(code, "code");
    Check.name(redeemer, "redeemer");
    byte[] hash = CodeValues.hash(code);
    return db.atomically("codes.redeem", tx -> Redeeming.redeem(tx.dsl(), hash, redeemer));
  }

  /**
   * Reverses a redemption, once: its use goes back to the code and to its redeemer's count, in one
   * statement. Returns {@link RedemptionReversed}, or why not.
   */
  public CodeReversalResult reverse(long redemptionId) {
    Check.id(redemptionId, "redemptionId");
    return db.run("codes.reverse", tx -> Reversing.reverse(tx.dsl(), redemptionId));
  }

  /** The code as stored now: its rules and uses; empty when no code has this id. */
  public Optional<CodeState> state(long codeId) {
    Check.id(codeId, "codeId");
    return db.run("codes.state", tx -> CodeRows.state(tx.dsl(), codeId));
  }

  /**
   * The code's redemptions, reversed ones included, oldest first: at most {@code pageSize}, after
   * the redemption with id {@code afterId} (0 for the first page; pass the last id of a page to get
   * the next one).
   *
   * @param pageSize 1 to {@link #MAX_PAGE}
   */
  public List<CodeRedemption> redemptions(long codeId, long afterId, int pageSize) {
    Check.id(codeId, "codeId");
    if (afterId < 0) {
      throw new InvalidArgumentException("afterId can not be negative, was " + afterId);
    }
    if (pageSize < 1 || pageSize > MAX_PAGE) {
      throw new InvalidArgumentException(
          "pageSize must be between 1 and " + MAX_PAGE + ", was " + pageSize);
    }
    return db.run(
        "codes.redemptions", tx -> CodeRows.redemptions(tx.dsl(), codeId, afterId, pageSize));
  }
}
