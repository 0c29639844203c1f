package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.CODES;
import static dev.racefree.internal.schema.Tables.CODE_REDEMPTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.AuditReport;
import dev.racefree.CodeRedemption;
import dev.racefree.CodeRules;
import dev.racefree.IssuedCode;
import dev.racefree.Racefree;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.CodeExhausted;
import dev.racefree.result.CodeExpired;
import dev.racefree.result.CodeNotYetValid;
import dev.racefree.result.CodeRedeemed;
import dev.racefree.result.CodeResult;
import dev.racefree.result.CodeReversalResult;
import dev.racefree.result.RedeemerLimitReached;
import dev.racefree.result.RedemptionAlreadyReversed;
import dev.racefree.result.RedemptionReversed;
import dev.racefree.result.UnknownCode;
import dev.racefree.result.UnknownRedemption;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Multi-use codes: caps in total and per redeemer, a validity window, reversals. */
@ExtendWith(PostgresExtension.class)
class CodesTest {

  private final Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
  private final Instant inADay = Instant.now().plus(1, ChronoUnit.DAYS);

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void a_burst_of_64_redeemers_on_a_code_of_40_uses_redeems_exactly_40(Isolation isolation)
      throws Exception {
    Racefree rf = Racefree.using(TestDatabase.get().dsl(isolation));
    long id = rf.codes().create("SPRING25", "spring sale", CodeRules.uses(40));

    List<CodeResult> results =
        Race.run(64, (t, barrier) -> rf.codes().redeem("SPRING25", "customer-" + t));

    assertThat(results).filteredOn(CodeRedeemed.class::isInstance).hasSize(40);
    assertThat(results)
        .filteredOn(r -> !(r instanceof CodeRedeemed))
        .hasSize(24)
        .containsOnly(new CodeExhausted(id, 40));
    assertThat(results)
        .filteredOn(CodeRedeemed.class::isInstance)
        .extracting(r -> ((CodeRedeemed) r).usesLeft())
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 40).boxed().toList());
    assertThat(rf.codes().state(id).orElseThrow().uses()).isEqualTo(40);
    assertThat(TestDatabase.get().dsl.fetchCount(CODE_REDEMPTIONS)).isEqualTo(40);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void a_burst_of_64_requests_of_one_redeemer_redeems_exactly_its_cap_of_3(Isolation isolation)
      throws Exception {
    Racefree rf = Racefree.using(TestDatabase.get().dsl(isolation));
    long id = rf.codes().create("FRIENDS", "referral", CodeRules.uses(100).perRedeemer(3));

    List<CodeResult> results = Race.run(64, (t, barrier) -> rf.codes().redeem("FRIENDS", "alice"));

    assertThat(results).filteredOn(CodeRedeemed.class::isInstance).hasSize(3);
    assertThat(results)
        .filteredOn(r -> !(r instanceof CodeRedeemed))
        .hasSize(61)
        .containsOnly(new RedeemerLimitReached(id, 3));
    assertThat(rf.codes().state(id).orElseThrow().uses()).isEqualTo(3);
    assertThat(rf.codes().redemptions(id, 0, 100))
        .hasSize(3)
        .extracting(CodeRedemption::redeemer)
        .containsOnly("alice");
    assertThat(rf.verify().isClean()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void eight_redeemers_asking_eight_times_share_20_uses_at_most_3_each(Isolation isolation)
      throws Exception {
    Racefree rf = Racefree.using(TestDatabase.get().dsl(isolation));
    long id = rf.codes().create("EVENT", "event pass", CodeRules.uses(20).perRedeemer(3));

    List<CodeResult> results =
        Race.run(64, (t, barrier) -> rf.codes().redeem("EVENT", "guest-" + t % 8));

    // 8 redeemers may take 24, the code has 20: exactly 20, and nobody above 3.
    assertThat(results).filteredOn(CodeRedeemed.class::isInstance).hasSize(20);
    assertThat(results)
        .filteredOn(r -> !(r instanceof CodeRedeemed))
        .hasSize(44)
        .allMatch(
            r -> r.equals(new CodeExhausted(id, 20)) || r.equals(new RedeemerLimitReached(id, 3)));
    List<CodeRedemption> rows = rf.codes().redemptions(id, 0, 100);
    assertThat(rows).hasSize(20);
    Map<String, Long> perRedeemer =
        rows.stream()
            .collect(Collectors.groupingBy(CodeRedemption::redeemer, Collectors.counting()));
    assertThat(perRedeemer.values()).allMatch(n -> n <= 3);
    assertThat(perRedeemer.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20);
    assertThat(rf.codes().state(id).orElseThrow().usesLeft()).isZero();
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_code_is_redeemable_only_inside_its_window_by_the_database_s_clock(Racefree rf) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant soon = now.plus(Duration.ofHours(1));
    Instant later = now.plus(Duration.ofHours(2));
    long future =
        rf.codes().create("SUMMER", "summer sale", CodeRules.uses(5).validBetween(soon, later));
    long past =
        rf.codes()
            .create(
                "WINTER",
                "winter sale",
                CodeRules.uses(5)
                    .validBetween(now.minus(Duration.ofHours(2)), now.minusSeconds(1)));
    long open = rf.codes().create("NOW", "open", CodeRules.uses(5).validUntil(later));

    assertThat(rf.codes().redeem("SUMMER", "alice")).isEqualTo(new CodeNotYetValid(future, soon));
    assertThat(rf.codes().redeem("WINTER", "alice"))
        .isEqualTo(new CodeExpired(past, now.minusSeconds(1)));
    assertThat(rf.codes().redeem("NOW", "alice")).isInstanceOf(CodeRedeemed.class);
    assertThat(rf.codes().state(future).orElseThrow().uses()).isZero();
    assertThat(rf.codes().state(past).orElseThrow().uses()).isZero();
    assertThat(rf.codes().state(open).orElseThrow().rules())
        .isEqualTo(CodeRules.uses(5).validUntil(later));
  }

  @Test
  void a_reversal_gives_the_use_back_once(Racefree rf) {
    // tag::codes[]
    long code = rf.codes().create("SPRING25", "spring sale", CodeRules.uses(2).perRedeemer(1));
    CodeResult first = rf.codes().redeem("SPRING25", "alice");
    // CodeRedeemed(redemptionId, codeId, usesLeft=1, redeemedAt)
    CodeResult again = rf.codes().redeem("SPRING25", "alice");
    // RedeemerLimitReached(codeId, maxPerRedeemer=1)
    if (first instanceof CodeRedeemed r) {
      rf.codes().reverse(r.redemptionId()); // RedemptionReversed(..., usesLeft=2)
    }
    CodeResult afterReversal = rf.codes().redeem("SPRING25", "alice"); // CodeRedeemed
    // end::codes[]
    CodeRedeemed redeemed = (CodeRedeemed) first;
    assertThat(redeemed.codeId()).isEqualTo(code);
    assertThat(redeemed.usesLeft()).isEqualTo(1);
    assertThat(again).isEqualTo(new RedeemerLimitReached(code, 1));
    assertThat(afterReversal).isInstanceOf(CodeRedeemed.class);
    assertThat(((CodeRedeemed) afterReversal).usesLeft()).isEqualTo(1);

    CodeReversalResult twice = rf.codes().reverse(redeemed.redemptionId());
    assertThat(twice).isInstanceOf(RedemptionAlreadyReversed.class);
    assertThat(((RedemptionAlreadyReversed) twice).codeId()).isEqualTo(code);
    assertThat(rf.codes().reverse(Long.MAX_VALUE)).isEqualTo(new UnknownRedemption(Long.MAX_VALUE));

    List<CodeRedemption> rows = rf.codes().redemptions(code, 0, 10);
    assertThat(rows).extracting(CodeRedemption::redeemer).containsExactly("alice", "alice");
    assertThat(rows.get(0).reversedAt())
        .isEqualTo(((RedemptionAlreadyReversed) twice).reversedAt());
    assertThat(rows.get(1).reversedAt()).isNull();
    assertThat(rf.codes().redemptions(code, rows.get(0).redemptionId(), 10))
        .containsExactly(rows.get(1));
    assertThat(rf.codes().redeem("SPRING25", "bob")).isInstanceOf(CodeRedeemed.class);
    assertThat(rf.codes().redeem("SPRING25", "carol")).isEqualTo(new CodeExhausted(code, 2));
    assertThat(rf.verify().isClean()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void of_32_concurrent_reversals_of_one_redemption_exactly_one_gives_the_use_back(
      Isolation isolation) throws Exception {
    Racefree rf = Racefree.using(TestDatabase.get().dsl(isolation));
    long code = rf.codes().create("ONCE", "once", CodeRules.uses(3));
    long redemption = ((CodeRedeemed) rf.codes().redeem("ONCE", "alice")).redemptionId();

    List<CodeReversalResult> results = Race.run(32, (t, barrier) -> rf.codes().reverse(redemption));

    assertThat(results).filteredOn(RedemptionReversed.class::isInstance).hasSize(1);
    assertThat(results.stream().filter(RedemptionReversed.class::isInstance).findFirst())
        .contains(new RedemptionReversed(redemption, code, 3));
    assertThat(results).filteredOn(RedemptionAlreadyReversed.class::isInstance).hasSize(31);
    assertThat(rf.codes().state(code).orElseThrow().uses()).isZero();
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void codes_are_compared_exactly_and_a_chosen_code_exists_once(Racefree rf, DSLContext dsl) {
    long id = rf.codes().create("SPRING25", "spring sale", CodeRules.uses(10));
    List<String> before = Rows.all(dsl);

    assertThatThrownBy(() -> rf.codes().create("SPRING25", "again", CodeRules.uses(3)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("code ");
    assertThat(rf.codes().redeem("spring25", "alice")).isEqualTo(new UnknownCode());
    assertThat(rf.codes().redeem("SPRING25 ", "alice")).isEqualTo(new UnknownCode());
    assertThat(Rows.all(dsl)).isEqualTo(before);
    assertThat(rf.codes().state(id).orElseThrow().purpose()).isEqualTo("spring sale");
    assertThat(rf.codes().state(Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void bad_input_is_refused_naming_the_argument_and_changes_nothing(Racefree rf, DSLContext dsl) {
    rf.codes().create("VALID", "valid", CodeRules.uses(5));
    List<String> before = Rows.all(dsl);
    Map<String, Function<Racefree, Object>> calls =
        Map.ofEntries(
            Map.entry("code", r -> r.codes().create(" \u3000", "p", CodeRules.uses(1))),
            Map.entry("code ", r -> r.codes().redeem("A\u0000", "alice")),
            Map.entry("code  ", r -> r.codes().redeem("x".repeat(201), "alice")),
            Map.entry("purpose", r -> r.codes().create("NEW", "\uD800", CodeRules.uses(1))),
            Map.entry("purpose ", r -> r.codes().generate("", CodeRules.uses(1))),
            Map.entry("redeemer", r -> r.codes().redeem("VALID", "\u200B")),
            Map.entry("rules", r -> r.codes().create("NEW", "p", null)),
            Map.entry("maxUses", r -> CodeRules.uses(0)),
            Map.entry("maxUses ", r -> CodeRules.uses(CodeRules.MAX_USES + 1)),
            Map.entry("maxPerRedeemer", r -> CodeRules.uses(3).perRedeemer(4)),
            Map.entry("maxPerRedeemer ", r -> CodeRules.uses(3).perRedeemer(0)),
            Map.entry("validFrom", r -> CodeRules.uses(3).validBetween(inADay, hourAgo)),
            Map.entry("validFrom ", r -> CodeRules.uses(3).validBetween(hourAgo, hourAgo)),
            Map.entry("validUntil", r -> CodeRules.uses(3).validUntil(Instant.MAX)),
            Map.entry("validFrom  ", r -> CodeRules.uses(3).validBetween(null, inADay)),
            Map.entry("redemptionId", r -> r.codes().reverse(0)),
            Map.entry("codeId", r -> r.codes().state(-1)),
            Map.entry("afterId", r -> r.codes().redemptions(1, -1, 10)),
            Map.entry("pageSize", r -> r.codes().redemptions(1, 0, 1_001)));
    calls.forEach((argument, call) ->
        assertThatThrownBy(() -> call.apply(rf))
            .as(argument)
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageStartingWith(argument.strip()));
    assertThat(Rows.all(dsl)).isEqualTo(before);
  }

  @Test
  void a_generated_code_is_256_random_bits_stored_only_as_its_sha256(Racefree rf, DSLContext dsl)
      throws Exception {
    IssuedCode code = rf.codes().generate("partner", CodeRules.uses(2).validUntil(inADay));
    IssuedCode other = rf.codes().generate("partner", CodeRules.uses(2));
    assertThat(code.value()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(other.value());
    assertThat(code.toString()).doesNotContain(code.value());

    CodeRedeemed redeemed = (CodeRedeemed) rf.codes().redeem(code.value(), "bob");
    assertThat(redeemed.codeId()).isEqualTo(code.id());
    assertThat(redeemed.usesLeft()).isEqualTo(1);

    String everyRow = String.join("\n", Rows.all(dsl));
    assertThat(everyRow).contains("bob").doesNotContain(code.value());
    byte[] sha =
        MessageDigest.getInstance("SHA-256").digest(code.value().getBytes(StandardCharsets.UTF_8));
    assertThat(dsl.select(CODES.CODE_HASH).from(CODES).where(CODES.ID.eq(code.id())).fetchSingle())
        .extracting(r -> r.value1())
        .isEqualTo(sha);
    assertThat(everyRow).contains(HexFormat.of().formatHex(sha));
  }

  @Test
  void verify_reports_a_code_whose_uses_or_redemptions_were_forged(Racefree rf, Admin admin) {
    long code = rf.codes().create("FORGED", "forged", CodeRules.uses(10).perRedeemer(2));
    long clean = rf.codes().create("CLEAN", "clean", CodeRules.uses(10));
    rf.codes().redeem("FORGED", "alice");
    rf.codes().redeem("CLEAN", "alice");
    assertThat(rf.verify().isClean()).isTrue();

    // As the owner, behind racefree's back: a use counted twice, then two redemptions too many.
    DSLContext owner = admin.dsl();
    owner.update(CODES).set(CODES.USES, CODES.USES.plus(1)).where(CODES.ID.eq(code)).execute();
    AuditReport report = rf.verify();
    assertThat(report.isClean()).isFalse();
    assertThat(report.codeProblems())
        .containsExactly(
            new AuditReport.CodeProblem(
                code, "uses is not the count of its redemptions not reversed"));

    for (int i = 0; i < 2; i++) {
      owner
          .insertInto(CODE_REDEMPTIONS, CODE_REDEMPTIONS.CODE_ID, CODE_REDEMPTIONS.REDEEMER)
          .values(code, "alice")
          .execute();
    }
    owner
        .update(CODE_REDEMPTIONS)
        .set(CODE_REDEMPTIONS.REDEEMED_AT, hourAgo.atOffset(java.time.ZoneOffset.UTC))
        .where(CODE_REDEMPTIONS.CODE_ID.eq(clean))
        .execute();
    owner
        .update(CODES)
        .set(CODES.VALID_FROM, Instant.now().atOffset(java.time.ZoneOffset.UTC))
        .where(CODES.ID.eq(clean))
        .execute();
    assertThat(rf.verify().codeProblems())
        .containsExactly(
            new AuditReport.CodeProblem(
                code, "uses is not the count of its redemptions not reversed"),
            new AuditReport.CodeProblem(
                code, "a redeemer holds more redemptions than its cap per redeemer"),
            new AuditReport.CodeProblem(clean, "redeemed outside its validity window"));
  }
}
