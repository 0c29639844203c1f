package dev.racefree.sample.payments;

import dev.racefree.Period;
import dev.racefree.Racefree;
import dev.racefree.VelocityLimit;
import dev.racefree.VelocityUsage;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.VelocityLimitsSet;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's daily spending limit: {@code PUT /accounts/{id}/daily-limit} sets it, {@code GET}
 * reads what today's spends took. Every payment and hold is checked against it and counted in the
 * statement that takes the money, so however many arrive at once, a day's spends never take more
 * than the limit; one that does not fit is a 429.
 */
@RestController
class DailyLimitsController {

  /** The velocity limit's name on the account. */
  static final String DAILY = "daily";

  private final Racefree rf;

  DailyLimitsController(Racefree rf) {
    this.rf = rf;
  }

  // tag::daily-limit[]
  @PutMapping("/accounts/{id}/daily-limit")
  ResponseEntity<Object> set(@PathVariable long id, @RequestBody DailyLimitRequest request) {
    Long amount = required(request.amount(), "amount");
    Period day = Period.day(zone(required(request.zone(), "zone")));
    return switch (rf.limits().setVelocity(id, VelocityLimit.amount(DAILY, day, amount))) {
      case VelocityLimitsSet s -> ResponseEntity.ok(new DailyLimit(id, amount, zoneName(day)));
      case NoSuchAccount n -> Problems.of(HttpStatus.NOT_FOUND, "no such account", "account " + id);
      case AccountClosed c -> Problems.of(HttpStatus.CONFLICT, "account closed", "account " + id);
    };
  }

  @GetMapping("/accounts/{id}/daily-limit")
  ResponseEntity<Object> get(@PathVariable long id) {
    return rf.limits().velocity(id).stream()
        .filter(u -> u.limit().name().equals(DAILY))
        .findFirst()
        .<ResponseEntity<Object>>map(u -> ResponseEntity.ok(usage(id, u)))
        .orElseGet(() ->
            Problems.of(HttpStatus.NOT_FOUND, "no daily limit", "account " + id + " has none"));
  }

  // end::daily-limit[]

  private static DailyLimitUsage usage(long id, VelocityUsage u) {
    return new DailyLimitUsage(
        id,
        Objects.requireNonNull(u.limit().maxAmount(), "a daily limit caps the amount"),
        zoneName(u.limit().period()),
        u.amount(),
        u.remainingAmount(),
        u.count(),
        u.resetsAt());
  }

  /** A zone as the client names it; unknown or malformed, a 400 as racefree's own refusals are. */
  private static ZoneId zone(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new InvalidArgumentException(
          "zone must be a time zone such as Europe/Paris, was " + zone);
    }
  }

  private static String zoneName(Period day) {
    ZoneId zone = Objects.requireNonNull(day.zone(), "a day is a day somewhere");
    return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  private static <T> T required(@Nullable T value, String name) {
    if (value == null) {
      throw new InvalidArgumentException(name + " is required");
    }
    return value;
  }
}
