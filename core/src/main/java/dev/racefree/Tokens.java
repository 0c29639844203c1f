package dev.racefree;

import static dev.racefree.internal.schema.Tables.REDEMPTION_TOKENS;
import static org.jooq.impl.DSL.field;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.runner.OperationRunner;
import dev.racefree.internal.schema.tables.RedemptionTokens;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.internal.tokens.TokenValues;
import dev.racefree.result.AlreadyRedeemed;
import dev.racefree.result.Expired;
import dev.racefree.result.RedeemResult;
import dev.racefree.result.Redeemed;
import dev.racefree.result.UnknownToken;
import dev.racefree.result.WrongRedeemer;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jspecify.annotations.Nullable;

/**
 * Single-use tokens (invites, password resets, vouchers): issued once, redeemed at most once. Only
 * the SHA-256 of a token is stored, so a database leak does not leak redeemable values.
 */
public final class Tokens {

  private static final RedemptionTokens T = REDEMPTION_TOKENS;
  private static final Field<Boolean> EXPIRED = field(unexpired().not()).as("expired");

  private final OperationRunner db;

  Tokens(OperationRunner db) {
    this.db = db;
  }

  /**
   * Issues a token that anyone holding its value may redeem once before {@code expiresAt}.
   *
   * @param purpose what the token is for, 1 to 200 characters
   * @return the token; its value is shown this once
   */
  public IssuedToken issue(String purpose, Instant expiresAt) {
    return insert(purpose, expiresAt, null);
  }

  /** Issues a token that only {@code issuedTo} may redeem, once, before {@code expiresAt}. */
  public IssuedToken issue(String purpose, Instant expiresAt, String issuedTo) {
    return insert(purpose, expiresAt, Check.name(issuedTo, "issuedTo"));
  }

  private IssuedToken insert(String purpose, Instant expiresAt, @Nullable String issuedTo) {
    Check.name(purpose, "purpose");
    OffsetDateTime until = Check.instant(expiresAt, "expiresAt"); // years 1 to 9999, as stored
    String value = TokenValues.generate();
    long id =
        db.run(
            "tokens.issue",
            tx ->
                tx.dsl()
                    .insertInto(T)
                    .set(T.TOKEN_HASH, TokenValues.hash(value))
                    .set(T.PURPOSE, purpose)
                    .set(T.ISSUED_TO, issuedTo)
                    .set(T.EXPIRES_AT, until)
                    .returningResult(T.ID)
                    .fetchSingle(Record1::value1));
    return new IssuedToken(id, value, purpose, expiresAt, issuedTo);
  }

  /**
   * Redeems the token in one statement: {@code UPDATE ... SET redeemed = true WHERE token_hash =
   * :hash AND NOT redeemed AND (unexpired) AND (issued to nobody or to :redeemer)}. However many
   * callers race, exactly one gets {@link Redeemed}.
   *
   * @param value the token value as issued
   * @param redeemer who redeems it, 1 to 200 characters; recorded on the token
   */
  public RedeemResult redeem(String value, String redeemer) {
    TokenValues.check(value, "value");
    Check.name(redeemer, "redeemer");
    byte[] hash = TokenValues.hash(value);
    return db.run(
        "tokens.redeem",
        tx ->
            tx.dsl()
                .update(T)
                .set(T.REDEEMED, true)
                .set(T.REDEEMED_BY, redeemer)
                .set(T.REDEEMED_AT, DbClock.NOW)
                .where(T.TOKEN_HASH.eq(hash))
                .and(T.REDEEMED.isFalse())
                .and(unexpired())
                .and(T.ISSUED_TO.isNull().or(T.ISSUED_TO.eq(redeemer)))
                .returningResult(T.ID, T.PURPOSE, T.REDEEMED_AT)
                .fetchOptional(r ->
                    (RedeemResult) new Redeemed(r.value1(), r.value2(), r.value3().toInstant()))
                // Failure path only: read why the update matched nothing.
                .orElseGet(() ->
                    tx.dsl()
                        .select(
                            T.ID,
                            T.ISSUED_TO,
                            T.REDEEMED,
                            T.REDEEMED_BY,
                            T.REDEEMED_AT,
                            T.EXPIRES_AT,
                            EXPIRED)
                        .from(T)
                        .where(T.TOKEN_HASH.eq(hash))
                        .fetchOptional(r -> whyNot(r, redeemer))
                        .orElseGet(UnknownToken::new)));
  }

  private static Condition unexpired() {
    return T.EXPIRES_AT.isNull().or(T.EXPIRES_AT.gt(DbClock.NOW));
  }

  private static RedeemResult whyNot(Record r, String redeemer) {
    long id = r.get(T.ID);
    String issuedTo = r.get(T.ISSUED_TO);
    if (issuedTo != null && !issuedTo.equals(redeemer)) {
      return new WrongRedeemer(id);
    }
    if (r.get(T.REDEEMED)) {
      return new AlreadyRedeemed(id, r.get(T.REDEEMED_BY), r.get(T.REDEEMED_AT).toInstant());
    }
    if (r.get(EXPIRED)) {
      return new Expired(id, r.get(T.EXPIRES_AT).toInstant());
    }
    throw new InternalErrorException(
        "token " + id + " is redeemable, yet the redeeming update matched no row");
  }
}
