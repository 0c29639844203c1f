package dev.racefree.spring.internal.web;

import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.StoredResponse;
import dev.racefree.result.ResponseClaim;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * One idempotent request: in one Spring transaction, claim the key in racefree's response store,
 * run the handler (whose racefree and jOOQ writes join the transaction), and store its response;
 * the client sees the response only after the commit. A repeat gets the stored response; a response
 * of 500 or more, an error sent with {@code sendError}, a transaction marked rollback-only or an
 * exception roll everything back, so nothing is stored and a retry runs again.
 */
public final class IdempotentExchange {

  static final String REPLAYED = "Idempotent-Replayed";

  private final Racefree rf;
  private final TransactionTemplate transactions;
  private final Duration inFlightWait;

  /**
   * Claims keys with {@code rf} in {@code transactions}, waiting at most {@code inFlightWait} for a
   * duplicate still running.
   */
  public IdempotentExchange(Racefree rf, TransactionTemplate transactions, Duration inFlightWait) {
    this.rf = rf;
    this.transactions = transactions;
    this.inFlightWait = inFlightWait;
  }

  void run(
      IdempotencyKey key,
      byte[] fingerprint,
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain)
      throws IOException, ServletException {
    CapturedResponse captured = new CapturedResponse(response);
    ResponseClaim claim;
    try {
      claim =
          transactions.execute(status -> {
            ResponseClaim c = rf.responses().claim(key, fingerprint, inFlightWait);
            if (c instanceof ResponseClaim.Claimed claimed) {
              handle(rf, claimed, request, captured, chain, status);
            }
            return c;
          });
    } catch (HandlerFailure failure) {
      failure.rethrow();
      return;
    }
    switch (claim) {
      case ResponseClaim.Claimed claimed
          when captured.wasRolledBack() && captured.getStatus() < 400 ->
          Problems.write( // never a success for writes that were undone
              response,
              HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
              "Rolled back",
              "the handler answered " + captured.getStatus() + " but its transaction rolled back");
      case ResponseClaim.Claimed claimed -> captured.copyBodyToResponse();
      case ResponseClaim.Replay replay -> replay(replay.response(), response);
      case ResponseClaim.KeyReused reused ->
          Problems.write(
              response,
              422,
              "Idempotency-Key reused",
              "this key was used for another request (method, path, query or body)");
      case ResponseClaim.InFlight inFlight -> {
        response.setHeader("Retry-After", "1");
        Problems.write(
            response,
            HttpServletResponse.SC_CONFLICT,
            "Idempotency-Key in flight",
            "a request with this key is still being processed; retry later");
      }
    }
  }

  /** Runs the handler and stores what it answered, or marks the transaction for rollback. */
  private static void handle(
      Racefree rf,
      ResponseClaim.Claimed claimed,
      HttpServletRequest request,
      CapturedResponse captured,
      FilterChain chain,
      TransactionStatus status) {
    try {
      chain.doFilter(request, captured);
    } catch (IOException | ServletException | RuntimeException e) {
      throw new HandlerFailure(e);
    }
    if (request.isAsyncStarted()) { // the answer would come later, outside this transaction
      throw new HandlerFailure(
          new IllegalStateException(
              "an @Idempotent handler must answer synchronously, not with async processing"));
    }
    if (captured.getStatus() >= 500
        || captured.errorSent()
        || status.isRollbackOnly()
        || request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE) != null) {
      // an exception that an @ExceptionHandler turned into an answer still undoes the writes
      status.setRollbackOnly();
      captured.rolledBack();
      return;
    }
    rf.responses()
        .complete(
            claimed,
            new StoredResponse(
                captured.getStatus(), captured.getContentType(), captured.getContentAsByteArray()));
  }

  private static void replay(StoredResponse stored, HttpServletResponse response)
      throws IOException {
    response.setStatus(stored.status());
    if (stored.contentType() != null) {
      response.setContentType(stored.contentType());
    }
    response.setHeader(REPLAYED, "true");
    byte[] body = stored.body();
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The handler's own failure, carried out of the transaction (which it rolls back). */
  private static final class HandlerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HandlerFailure(Exception cause) {
      super(cause);
    }

    void rethrow() throws IOException, ServletException {
      Throwable cause = getCause();
      if (cause instanceof IOException e) {
        throw e;
      }
      if (cause instanceof ServletException e) {
        throw e;
      }
      if (cause instanceof RuntimeException e) {
        throw e;
      }
      throw new UncheckedIOException(new IOException(cause));
    }
  }
}
