package dev.racefree.lab.chaos;

import static dev.racefree.internal.schema.Tables.REDEMPTION_TOKENS;

import dev.racefree.IssuedToken;
import dev.racefree.Racefree;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * The tokens every chaos client races to redeem, and their check: no token redeemed twice, and each
 * redeemed by exactly the client whose acknowledged (or replayed) answer says it redeemed it.
 */
final class ChaosTokens {

  private ChaosTokens() {}

  /** Issues {@code count} tokens, valid past any run. */
  static List<IssuedToken> issue(Racefree rf, int count) {
    List<IssuedToken> tokens = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tokens.add(rf.tokens().issue("chaos", Instant.parse("2100-01-01T00:00:00Z")));
    }
    return tokens;
  }

  /** Adds a violation for each token whose redemption the answers and the table disagree on. */
  static void check(
      DSLContext admin,
      List<IssuedToken> tokens,
      List<Resolution> resolutions,
      List<String> violations) {
    Map<Long, String> mine = new HashMap<>();
    for (Resolution o : resolutions) {
      if (o.op() instanceof Op.Redeem r
          && r.settled(o.result()) instanceof Op.Taken t
          && t.by().equals(r.redeemer())) {
        String before = mine.putIfAbsent(t.tokenId(), r.redeemer());
        if (before != null && !before.equals(r.redeemer())) {
          violations.add("token " + t.tokenId() + ": redeemed by " + before + " and " + t.by());
        }
      }
    }
    Map<Long, String> table = new HashMap<>();
    admin
        .select(REDEMPTION_TOKENS.ID, REDEMPTION_TOKENS.REDEEMED_BY)
        .from(REDEMPTION_TOKENS)
        .where(REDEMPTION_TOKENS.ID.in(tokens.stream().map(IssuedToken::id).toList()))
        .forEach(row -> table.put(row.value1(), row.value2()));
    for (IssuedToken token : tokens) {
      String said = mine.get(token.id());
      String stored = table.get(token.id());
      if (!Objects.equals(said, stored)) {
        violations.add(
            "token "
                + token.id()
                + ": the answers say redeemed by "
                + said
                + ", the table "
                + stored);
      }
    }
  }
}
