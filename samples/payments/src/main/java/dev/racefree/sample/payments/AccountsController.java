package dev.racefree.sample.payments;

import dev.racefree.Racefree;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.Credited;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.spring.web.Idempotent;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Open an account, fund it, read it. */
@RestController
class AccountsController {

  private final Racefree rf;

  AccountsController(Racefree rf) {
    this.rf = rf;
  }

  @PostMapping("/accounts")
  ResponseEntity<AccountView> open(@RequestBody OpenAccountRequest request) {
    long id = rf.accounts().open(request.owner(), request.currency());
    return ResponseEntity.created(URI.create("/accounts/" + id))
        .body(new AccountView(id, request.owner(), request.currency(), 0, 0));
  }

  @GetMapping("/accounts/{id}")
  ResponseEntity<AccountView> get(@PathVariable long id) {
    return rf.accounts()
        .find(id)
        .map(a ->
            new AccountView(a.id(), a.owner(), a.currency(), a.balance(), rf.holds().available(id)))
        .map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @Idempotent
  @PostMapping("/accounts/{id}/deposits")
  ResponseEntity<Object> deposit(@PathVariable long id, @RequestBody AmountRequest request) {
    return switch (rf.accounts().credit(id, request.amount())) {
      case Credited c -> ResponseEntity.ok(new BalanceView(id, c.balance()));
      case NoSuchAccount n -> Problems.of(HttpStatus.NOT_FOUND, "no such account", "account " + id);
      case AccountClosed c -> Problems.of(HttpStatus.CONFLICT, "account closed", "account " + id);
      case LimitExceeded l ->
          Problems.of(HttpStatus.CONFLICT, "limit exceeded", "at most " + l.maxBalance());
    };
  }
}
