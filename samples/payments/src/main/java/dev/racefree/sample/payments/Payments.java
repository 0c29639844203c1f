package dev.racefree.sample.payments;

import dev.racefree.EntryQuery;
import dev.racefree.LedgerEntry;
import dev.racefree.Posting;
import dev.racefree.Racefree;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Takes a payment: a debit whose posting carries the payment's id as its reference, unique on the
 * account, and its code. The ledger entry is the service's whole record of the payment: reading it
 * back by that reference gives the account, the amount, the other side and the time, so the service
 * keeps no table of its own.
 */
@Service
public class Payments {

  /** The posting code of a payment, in the service's own table of codes. */
  public static final int PAYMENT = 1;

  private final Racefree rf;

  Payments(Racefree rf) {
    this.rf = rf;
  }

  /** The debit's refusal, or the payment it made. */
  public sealed interface Outcome permits Paid, Refused {}

  /** The payment made. */
  public record Paid(Payment payment) implements Outcome {}

  /** What racefree refused, nothing written. */
  public record Refused(DebitResult refusal) implements Outcome {}

  // tag::service[]
  /** Debits the account under a new payment id, the posting's reference, or refuses. */
  public Outcome pay(long accountId, long amount) {
    String paymentId = UUID.randomUUID().toString();
    Posting payment = Posting.of().uniqueReference(paymentId).code(PAYMENT);
    DebitResult debit = rf.accounts().debit(accountId, amount, payment);
    if (!(debit instanceof Debited debited)) {
      return new Refused(debit);
    }
    return new Paid(new Payment(paymentId, accountId, amount, debited.balance()));
  }

  /** The payment as the ledger keeps it: its entry, found by its reference. */
  public Optional<PaymentView> find(String paymentId) {
    EntryQuery query = EntryQuery.byReference(paymentId).code(PAYMENT);
    return rf.ledger().entries(query, 1).entries().stream()
        .findFirst()
        .map(e -> view(paymentId, e));
  }

  // end::service[]

  private static PaymentView view(String paymentId, LedgerEntry e) {
    return new PaymentView(
        paymentId, e.accountId(), e.counterpartyId(), -e.amount(), e.balanceAfter(), e.writtenAt());
  }
}
