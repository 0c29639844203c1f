package dev.racefree.sample.payments;

import dev.racefree.Racefree;
import dev.racefree.result.AboveHold;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.AccountFrozen;
import dev.racefree.result.AlreadyCaptured;
import dev.racefree.result.AlreadyReleased;
import dev.racefree.result.Captured;
import dev.racefree.result.CurrencyMismatch;
import dev.racefree.result.Held;
import dev.racefree.result.HoldExpired;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.SameAccount;
import dev.racefree.result.UnknownHold;
import dev.racefree.result.VelocityLimitExceeded;
import dev.racefree.spring.web.Idempotent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Authorise now, capture later: {@code POST /holds}, {@code POST /holds/{id}/capture}. */
@RestController
class HoldsController {

  private static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);

  private final Racefree rf;

  HoldsController(Racefree rf) {
    this.rf = rf;
  }

  @Idempotent
  @PostMapping("/holds")
  ResponseEntity<Object> hold(@RequestBody HoldRequest request) {
    Long seconds = request.expiresInSeconds();
    Duration expiry = seconds == null ? DEFAULT_EXPIRY : Duration.ofSeconds(seconds);
    return switch (rf.holds()
        .hold(request.accountId(), request.amount(), Instant.now().plus(expiry))) {
      case Held h ->
          ResponseEntity.created(URI.create("/holds/" + h.holdId()))
              .body(new HoldView(h.holdId(), request.accountId(), request.amount(), h.available()));
      case InsufficientFunds f ->
          Problems.of(
              HttpStatus.PAYMENT_REQUIRED, "insufficient funds", "available " + f.available());
      case AccountFrozen f ->
          Problems.of(HttpStatus.PAYMENT_REQUIRED, "account frozen", "account " + f.accountId());
      case AccountClosed c ->
          Problems.of(HttpStatus.PAYMENT_REQUIRED, "account closed", "account " + c.accountId());
      case NoSuchAccount n ->
          Problems.of(HttpStatus.NOT_FOUND, "no such account", "account " + n.id());
      case VelocityLimitExceeded v -> PaymentsController.overLimit(v);
      case SameAccount s -> throw new IllegalStateException("a plain hold names one account");
      case CurrencyMismatch m -> throw new IllegalStateException("a plain hold names one account");
    };
  }

  @Idempotent
  @PostMapping("/holds/{id}/capture")
  ResponseEntity<Object> capture(@PathVariable long id, @RequestBody AmountRequest request) {
    return switch (rf.holds().capture(id, request.amount())) {
      case Captured c -> ResponseEntity.ok(new CaptureView(id, c.captured(), c.balance()));
      case AboveHold a ->
          Problems.of(HttpStatus.BAD_REQUEST, "above the hold", "the hold is " + a.held());
      case UnknownHold u -> Problems.of(HttpStatus.NOT_FOUND, "no such hold", "hold " + id);
      case AlreadyCaptured c ->
          Problems.of(HttpStatus.CONFLICT, "already captured", "captured " + c.captured());
      case AlreadyReleased r -> Problems.of(HttpStatus.CONFLICT, "already released", "hold " + id);
      case HoldExpired e -> Problems.of(HttpStatus.CONFLICT, "hold expired", "hold " + id);
      case LimitExceeded l ->
          Problems.of(HttpStatus.CONFLICT, "limit exceeded", "at most " + l.maxBalance());
      case AccountClosed c ->
          Problems.of(HttpStatus.CONFLICT, "account closed", "account " + c.accountId());
    };
  }
}
