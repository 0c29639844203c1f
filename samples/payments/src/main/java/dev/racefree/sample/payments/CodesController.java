package dev.racefree.sample.payments;

import dev.racefree.CodeRules;
import dev.racefree.Racefree;
import dev.racefree.result.CodeExhausted;
import dev.racefree.result.CodeExpired;
import dev.racefree.result.CodeNotYetValid;
import dev.racefree.result.CodeRedeemed;
import dev.racefree.result.RedeemerLimitReached;
import dev.racefree.result.UnknownCode;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Discount codes: {@code POST /codes} creates one, {@code POST /codes/{code}/redemptions} redeems
 * it for a customer. However many requests arrive at once, a code is redeemed at most its {@code
 * maxUses} times, and at most {@code perCustomer} times by one customer.
 */
@RestController
class CodesController {

  private final Racefree rf;

  CodesController(Racefree rf) {
    this.rf = rf;
  }

  @PostMapping("/codes")
  ResponseEntity<Object> create(@RequestBody CodeRequest request) {
    long id =
        rf.codes()
            .create(
                request.code(),
                request.purpose(),
                CodeRules.uses(request.maxUses()).perRedeemer(request.perCustomer()));
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
  }

  // tag::redeem[]
  @PostMapping("/codes/{code}/redemptions")
  ResponseEntity<Object> redeem(@PathVariable String code, @RequestBody RedeemRequest request) {
    return switch (rf.codes().redeem(code, request.customer())) {
      case CodeRedeemed r ->
          ResponseEntity.created(URI.create("/codes/redemptions/" + r.redemptionId())).body(r);
      case CodeExhausted e ->
          Problems.of(HttpStatus.CONFLICT, "code used up", "used " + e.maxUses() + " times");
      case RedeemerLimitReached l ->
          Problems.of(
              HttpStatus.CONFLICT, "limit per customer", l.maxPerRedeemer() + " per customer");
      case CodeNotYetValid n ->
          Problems.of(HttpStatus.CONFLICT, "code not valid yet", "from " + n.validFrom());
      case CodeExpired x -> Problems.of(HttpStatus.GONE, "code expired", "until " + x.validUntil());
      case UnknownCode u -> Problems.of(HttpStatus.NOT_FOUND, "no such code", "code " + code);
    };
  }
  // end::redeem[]
}
