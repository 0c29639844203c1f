package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.REDEMPTION_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.IssuedToken;
import dev.racefree.Racefree;
import dev.racefree.result.AlreadyRedeemed;
import dev.racefree.result.Expired;
import dev.racefree.result.RedeemResult;
import dev.racefree.result.Redeemed;
import dev.racefree.result.UnknownToken;
import dev.racefree.result.WrongRedeemer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TokensTest {

  static final int THREADS = 32;
  private final Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);

  @Test
  void n_threads_redeeming_one_token_let_exactly_one_redeem(Racefree rf) throws Exception {
    IssuedToken token = rf.tokens().issue("invite", tomorrow);

    List<RedeemResult> results =
        Race.run(THREADS, (t, barrier) -> rf.tokens().redeem(token.value(), "user-" + t));

    List<RedeemResult> winners = results.stream().filter(Redeemed.class::isInstance).toList();
    assertThat(winners).hasSize(1);
    Redeemed won = (Redeemed) winners.get(0);
    assertThat(won.tokenId()).isEqualTo(token.id());
    assertThat(won.purpose()).isEqualTo("invite");
    assertThat(results)
        .filteredOn(AlreadyRedeemed.class::isInstance)
        .hasSize(THREADS - 1)
        .extracting(r -> ((AlreadyRedeemed) r).redeemedBy())
        .containsOnly("user-" + results.indexOf(won));
  }

  @Test
  void an_expired_token_is_refused(Racefree rf) {
    IssuedToken token = rf.tokens().issue("reset", Instant.now().minus(1, ChronoUnit.MINUTES));

    assertThat(rf.tokens().redeem(token.value(), "alice")).isInstanceOf(Expired.class);
    assertThat(rf.tokens().redeem(token.value(), "alice")).isInstanceOf(Expired.class);
  }

  @Test
  void an_unknown_token_is_refused(Racefree rf) {
    rf.tokens().issue("invite", tomorrow);
    assertThat(rf.tokens().redeem("A".repeat(43), "alice")).isEqualTo(new UnknownToken());
  }

  @Test
  void a_token_issued_to_someone_is_redeemable_only_by_them(Racefree rf) {
    IssuedToken token = rf.tokens().issue("voucher", tomorrow, "alice");

    assertThat(rf.tokens().redeem(token.value(), "mallory"))
        .isEqualTo(new WrongRedeemer(token.id()));
    assertThat(rf.tokens().redeem(token.value(), "alice")).isInstanceOf(Redeemed.class);
    assertThat(rf.tokens().redeem(token.value(), "mallory"))
        .isEqualTo(new WrongRedeemer(token.id()));
    assertThat(rf.tokens().redeem(token.value(), "alice")).isInstanceOf(AlreadyRedeemed.class);
  }

  @Test
  void the_token_value_is_stored_nowhere_only_its_sha256(Racefree rf, DSLContext dsl)
      throws Exception {
    IssuedToken token = rf.tokens().issue("invite", tomorrow, "bob");
    rf.tokens().redeem(token.value(), "bob");

    String everyRow = String.join("\n", Rows.all(dsl));
    assertThat(everyRow).contains("bob"); // the rows really are in the text
    assertThat(everyRow).doesNotContain(token.value());
    byte[] sha =
        MessageDigest.getInstance("SHA-256")
            .digest(token.value().getBytes(StandardCharsets.US_ASCII));
    assertThat(
            dsl.select(REDEMPTION_TOKENS.TOKEN_HASH).from(REDEMPTION_TOKENS).fetchSingle().value1())
        .isEqualTo(sha);
    assertThat(everyRow).contains(HexFormat.of().formatHex(sha));
    assertThat(token.toString()).doesNotContain(token.value());
  }

  @Test
  void issued_values_are_256_bit_url_safe_and_distinct(Racefree rf) {
    IssuedToken a = rf.tokens().issue("invite", tomorrow);
    IssuedToken b = rf.tokens().issue("invite", tomorrow);
    assertThat(a.value()).matches("[A-Za-z0-9_-]{43}");
    assertThat(a.value()).isNotEqualTo(b.value());
  }
}
