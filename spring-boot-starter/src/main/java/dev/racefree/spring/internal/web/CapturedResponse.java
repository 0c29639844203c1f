package dev.racefree.spring.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The handler's response, held in memory until the transaction has ended: only then does the client
 * see it. Remembers whether the answer went through {@code sendError}, whose body the container
 * writes later, outside the filter, so there is nothing faithful to store.
 */
final class CapturedResponse extends ContentCachingResponseWrapper {

  private boolean errorSent;
  private boolean rolledBack;

  CapturedResponse(HttpServletResponse response) {
    super(response);
  }

  @Override
  public void sendError(int sc) throws IOException {
    errorSent = true;
    super.sendError(sc);
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    errorSent = true;
    super.sendError(sc, msg);
  }

  boolean errorSent() {
    return errorSent;
  }

  /** The transaction this answer belongs to rolls back. */
  void rolledBack() {
    rolledBack = true;
  }

  boolean wasRolledBack() {
    return rolledBack;
  }
}
