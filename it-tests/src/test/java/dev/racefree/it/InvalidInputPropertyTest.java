package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.CODES;
import static dev.racefree.internal.schema.Tables.CODE_REDEMPTIONS;
import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.IDEMPOTENCY_KEYS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static dev.racefree.internal.schema.Tables.QUOTAS;
import static dev.racefree.internal.schema.Tables.REDEMPTION_TOKENS;
import static dev.racefree.internal.schema.Tables.STORED_RESPONSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.BatchOptions;
import dev.racefree.CodeRules;
import dev.racefree.IdempotencyKey;
import dev.racefree.ImportedPosting;
import dev.racefree.Leg;
import dev.racefree.LockPolicy;
import dev.racefree.Period;
import dev.racefree.Quotas;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.StoredResponse;
import dev.racefree.VelocityLimit;
import dev.racefree.exception.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jooq.DSLContext;

/**
 * Generated invalid input, 10,000 calls across the public API: each is refused with an {@link
 * InvalidArgumentException} before any SQL, and nothing in the database changes.
 */
class InvalidInputPropertyTest {

  private static DSLContext dsl;
  private static Racefree rf;
  private static long account;
  private static List<Integer> before;

  /** One call of the public API with one bad argument (the others valid), and its description. */
  record Call(String what, Consumer<Racefree> call) {
    @Override
    public String toString() {
      return what;
    }
  }

  @BeforeContainer
  static void start() {
    TestDatabase db = TestDatabase.get();
    db.reset();
    dsl = db.dsl;
    rf = Racefree.using(dsl);
    account = rf.accounts().open("valid", "EUR");
    rf.accounts().credit(account, 1_000);
    before = snapshot();
  }

  @AfterContainer
  static void nothingChanged() {
    assertThat(snapshot()).as("rows per table after 10,000 refused calls").isEqualTo(before);
    assertThat(rf.accounts().balance(account)).isEqualTo(1_000);
  }

  @Property(tries = 10_000, seed = "20261122")
  void every_invalid_input_is_refused_before_any_sql(@ForAll("invalidCalls") Call call) {
    assertThatThrownBy(() -> call.call().accept(rf))
        .as(call.what())
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Provide
  Arbitrary<Call> invalidCalls() {
    Arbitrary<Long> badId = Arbitraries.longs().lessOrEqual(0);
    Arbitrary<Long> badAmount = Arbitraries.longs().lessOrEqual(0);
    Arbitrary<String> badText =
        Arbitraries.oneOf(
            Arbitraries.of("", "\u00A0", "\u3000", " \t\n", "\u2007\u202F", "\uD800", "a\uDC00"),
            Arbitraries.strings().ofMinLength(1).ofMaxLength(20).alpha().map(s -> s + "\u0000"),
            Arbitraries.strings().withChars(' ', '\u00A0', '\u2003', '\u3000').ofMinLength(1),
            Arbitraries.strings().withChars('\u2028', '\u2029', '\u200B', '\uFEFF').ofMinLength(1),
            Arbitraries.strings() // any control character (Cc), anywhere in otherwise good text
                .alpha()
                .ofMinLength(1)
                .ofMaxLength(20)
                .flatMap(t ->
                    Arbitraries.chars()
                        .range('\u0000', '\u009F')
                        .filter(c -> c < 0x20 || c >= 0x7F)
                        .flatMap(c ->
                            Arbitraries.integers()
                                .between(0, t.length())
                                .map(at -> t.substring(0, at) + c + t.substring(at)))),
            Arbitraries.strings().alpha().ofLength(201));
    Arbitrary<Instant> badInstant =
        Arbitraries.of(
            Instant.MAX,
            Instant.MIN,
            Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("-0001-01-01T00:00:00Z"));
    Arbitrary<Duration> badDuration =
        Arbitraries.of(
            Duration.ZERO,
            Duration.ofNanos(-1),
            Duration.ofSeconds(Long.MAX_VALUE),
            Duration.ofSeconds(Long.MIN_VALUE),
            Duration.ofDays(365_000));
    Instant later = Instant.now().plusSeconds(3_600);
    CodeRules rules = CodeRules.uses(10);
    return Arbitraries.oneOf(
        badId.map(id -> new Call("debit id " + id, r -> r.accounts().debit(id, 1))),
        badAmount.map(a -> new Call("debit amount " + a, r -> r.accounts().debit(account, a))),
        badAmount.map(a -> new Call("credit amount " + a, r -> r.accounts().credit(account, a))),
        Combinators.combine(badId, badAmount)
            .as((id, a) ->
                new Call("transfer " + id + " " + a, r -> r.accounts().transfer(id, account, a))),
        badText.map(t -> new Call("open owner " + t.length(), r -> r.accounts().open(t, "EUR"))),
        Arbitraries.strings()
            .ofMaxLength(5)
            .filter(c -> !c.matches("[A-Z]{3}"))
            .map(c -> new Call("open currency " + c, r -> r.accounts().open("ok", c))),
        badText.map(t ->
            new Call(
                "keyed debit scope " + t.length(),
                r -> r.accounts().debit(account, 1, IdempotencyKey.of(t, "k")))),
        badText.map(t ->
            new Call(
                "keyed credit key " + t.length(),
                r -> r.accounts().credit(account, 1, IdempotencyKey.of("s", t)))),
        badAmount.map(a -> new Call("hold amount " + a, r -> r.holds().hold(account, a, later))),
        badInstant.map(i -> new Call("hold expiry " + i, r -> r.holds().hold(account, 1, i))),
        badId.map(id -> new Call("capture hold " + id, r -> r.holds().capture(id, 1))),
        badAmount.map(a -> new Call("capture amount " + a, r -> r.holds().capture(1, a))),
        badId.map(id -> new Call("release hold " + id, r -> r.holds().release(id))),
        badText.map(t -> new Call("issue purpose " + t.length(), r -> r.tokens().issue(t, later))),
        badInstant.map(i -> new Call("issue expiry " + i, r -> r.tokens().issue("invite", i))),
        badText.map(t ->
            new Call("issue issuedTo " + t.length(), r -> r.tokens().issue("invite", later, t))),
        Arbitraries.strings() // a token is 43 characters: any other length is malformed
            .ofMaxLength(42)
            .map(v -> new Call("redeem token " + v.length(), r -> r.tokens().redeem(v, "carol"))),
        badText.map(t ->
            new Call("redeem redeemer " + t.length(), r -> r.tokens().redeem("A".repeat(43), t))),
        badDuration.map(d -> new Call("key retention " + d, r -> r.withKeyRetention(d))),
        badDuration.map(d -> new Call("waitAtMost " + d, r -> LockPolicy.waitAtMost(d))),
        badDuration
            .filter(d -> !d.isZero())
            .map(d -> new Call("backoff " + d, r -> RetryPolicy.attempts(3).withBackoff(d, d))),
        Arbitraries.integers()
            .lessOrEqual(0)
            .map(n -> new Call("attempts " + n, r -> RetryPolicy.attempts(n))),
        Arbitraries.integers()
            .lessOrEqual(0)
            .map(n -> new Call("batch size " + n, r -> new BatchOptions(n, 1))),
        badAmount.map(a ->
            new Call(
                "leg amount " + a, r -> r.transfers().transfer(List.of(new Leg(account, 2, a))))),
        Arbitraries.just(new Call("no legs", r -> r.transfers().transfer(List.of()))),
        badDuration.map(d ->
            new Call(
                "claim wait " + d,
                r -> r.responses().claim(IdempotencyKey.of("s", "k"), new byte[] {1}, d))),
        Arbitraries.integers()
            .filter(status -> status < 100 || status > 599)
            .map(status ->
                new Call("response status " + status, r -> new StoredResponse(status, null, BODY))),
        badText
            .filter(t -> !t.chars().allMatch(Character::isLetter)) // 201 letters: a valid type
            .map(t ->
                new Call(
                    "response content type " + t.length(), r -> new StoredResponse(200, t, BODY))),
        Arbitraries.integers()
            .lessOrEqual(0)
            .map(n ->
                new Call(
                    "history page " + n,
                    r -> r.ledger().history(account, Instant.EPOCH, later, 0, n))),
        badText.map(t ->
            new Call(
                "quota scope " + t.length(),
                r -> r.quotas().consume(t, "k", 1, 10, Period.total()))),
        badText.map(t ->
            new Call(
                "quota key " + t.length(),
                r -> r.quotas().consume("s", t, 1, 10, Period.day(ZoneId.of("Europe/Paris"))))),
        Arbitraries.oneOf(badAmount, Arbitraries.longs().greaterOrEqual(Quotas.MAX_CAP + 1))
            .map(n ->
                new Call(
                    "quota units " + n, r -> r.quotas().consume("s", "k", n, 10, Period.total()))),
        Arbitraries.oneOf(badAmount, Arbitraries.longs().greaterOrEqual(Quotas.MAX_CAP + 1))
            .map(n ->
                new Call(
                    "quota cap " + n, r -> r.quotas().consume("s", "k", 1, n, Period.total()))),
        Arbitraries.oneOf(
                badDuration,
                Arbitraries.longs().between(1, 999).map(Duration::ofMillis),
                Arbitraries.longs().between(367, 100_000).map(Duration::ofDays))
            .map(d ->
                new Call(
                    "quota window " + d,
                    r -> r.quotas().consume("s", "k", 1, 10, Period.rolling(d)))),
        Arbitraries.integers()
            .between(-18, 18)
            .filter(h -> h != 0)
            .map(h ->
                new Call(
                    "quota zone offset " + h,
                    r -> r.quotas().release("s", "k", 1, Period.week(ZoneOffset.ofHours(h))))),
        badText.map(t ->
            new Call(
                "velocity name " + t.length(),
                r -> r.limits().setVelocity(account, VelocityLimit.amount(t, Period.total(), 10)))),
        badText.map(t ->
            new Call("velocity remove " + t.length(), r -> r.limits().removeVelocity(account, t))),
        badId.map(id ->
            new Call(
                "velocity account " + id,
                r -> r.limits().setVelocity(id, VelocityLimit.count("v", Period.total(), 1)))),
        Arbitraries.oneOf(
                Arbitraries.longs().lessOrEqual(-1),
                Arbitraries.longs().greaterOrEqual((1L << 62) + 1))
            .map(n ->
                new Call(
                    "velocity caps " + n,
                    r ->
                        r.limits()
                            .setVelocity(
                                account,
                                n % 2 == 0
                                    ? VelocityLimit.amount("v", Period.total(), n)
                                    : VelocityLimit.count("v", Period.total(), n)))),
        Arbitraries.just(
            new Call(
                "velocity without a cap",
                r ->
                    r.limits()
                        .setVelocity(account, new VelocityLimit("v", Period.total(), null, null)))),
        Arbitraries.integers()
            .between(-18, 18)
            .filter(h -> h != 0)
            .map(h ->
                new Call(
                    "velocity zone offset " + h,
                    r ->
                        r.limits()
                            .setVelocity(
                                account,
                                VelocityLimit.amount("v", Period.day(ZoneOffset.ofHours(h)), 10)))),
        badText.map(t ->
            new Call(
                "code create " + t.length(), r -> r.codes().create(t, "p", CodeRules.uses(1)))),
        badText.map(t -> new Call("code redeem " + t.length(), r -> r.codes().redeem(t, "carol"))),
        badText.map(t ->
            new Call(
                "code purpose " + t.length(), r -> r.codes().create("OK", t, CodeRules.uses(1)))),
        badText.map(t ->
            new Call("code generate purpose " + t.length(), r -> r.codes().generate(t, rules))),
        badText.map(
            t -> new Call("code redeemer " + t.length(), r -> r.codes().redeem("SPRING25", t))),
        Arbitraries.oneOf(badAmount, Arbitraries.longs().greaterOrEqual(CodeRules.MAX_USES + 1))
            .map(n ->
                new Call("code maxUses " + n, r -> r.codes().create("OK", "p", CodeRules.uses(n)))),
        Arbitraries.oneOf(badAmount, Arbitraries.longs().greaterOrEqual(11))
            .map(n ->
                new Call(
                    "code maxPerRedeemer " + n,
                    r -> r.codes().generate("p", CodeRules.uses(10).perRedeemer(n)))),
        Combinators.combine(
                Arbitraries.longs().between(-100_000, 100_000),
                Arbitraries.longs().between(0, 1000))
            .as((from, shorter) ->
                new Call(
                    "code window " + from + " " + shorter,
                    r ->
                        r.codes()
                            .create(
                                "OK",
                                "p",
                                rules.validBetween(
                                    later.plusSeconds(from),
                                    later.plusSeconds(from).minusMillis(shorter))))),
        badInstant.map(i ->
            new Call("code window end " + i, r -> r.codes().generate("p", rules.validUntil(i)))),
        badInstant.map(i ->
            new Call(
                "code window start " + i,
                r -> r.codes().generate("p", rules.validBetween(i, later)))),
        badId.map(id -> new Call("code reverse " + id, r -> r.codes().reverse(id))),
        badAmount.map(a ->
            new Call(
                "import amount " + a,
                r ->
                    r.ledger()
                        .importPostings(
                            List.of(ImportedPosting.credit(account, a, Instant.EPOCH)),
                            IdempotencyKey.of("s", "k")))),
        badInstant.map(i ->
            new Call(
                "import time " + i,
                r ->
                    r.ledger()
                        .importPostings(
                            List.of(ImportedPosting.debit(account, 1, i)),
                            IdempotencyKey.of("s", "k")))));
  }

  private static final byte[] BODY = {'{', '}'};

  private static List<Integer> snapshot() {
    return List.of(
        dsl.fetchCount(ACCOUNTS),
        dsl.fetchCount(LEDGER_ENTRIES),
        dsl.fetchCount(HOLDS),
        dsl.fetchCount(IDEMPOTENCY_KEYS),
        dsl.fetchCount(REDEMPTION_TOKENS),
        dsl.fetchCount(STORED_RESPONSES),
        dsl.fetchCount(QUOTAS),
        dsl.fetchCount(CODES),
        dsl.fetchCount(CODE_REDEMPTIONS));
  }
}
