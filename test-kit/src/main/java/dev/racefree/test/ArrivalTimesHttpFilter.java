package dev.racefree.test;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * {@link ArrivalTimesFilter}'s twin for the JDK's {@code com.sun.net.httpserver}: add it to a
 * context's filters ({@code context.getFilters().add(new ArrivalTimesHttpFilter())}).
 */
public final class ArrivalTimesHttpFilter extends Filter {

  /** A filter; it keeps no state of its own. */
  public ArrivalTimesHttpFilter() {}

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String tag = exchange.getRequestHeaders().getFirst(Arrivals.HEADER);
    if (tag != null) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Arrivals.record(tag, System.nanoTime());
      exchange.setStreams(new ByteArrayInputStream(body), null);
    }
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "records when each request of a racefree-test HTTP burst was complete";
  }
}
