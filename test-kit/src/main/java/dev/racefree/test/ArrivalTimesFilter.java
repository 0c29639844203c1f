package dev.racefree.test;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A servlet filter that records when each request of an {@link HttpBurst} was complete on the
 * server, body included: it reads the body first (a last-byte synchronised request is complete only
 * with its last byte), notes {@link System#nanoTime()}, and hands the application the body it read.
 * Requests without the burst's header pass untouched. In a Spring Boot test, declare it as a bean:
 *
 * <pre>{@code
 * @TestConfiguration
 * static class Arrivals {
 *   @Bean
 *   ArrivalTimesFilter arrivalTimes() {
 *     return new ArrivalTimesFilter();
 *   }
 * }
 * }</pre>
 */
public final class ArrivalTimesFilter implements Filter {

  /** A filter; it keeps no state of its own. */
  public ArrivalTimesFilter() {}

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String tag =
        request instanceof HttpServletRequest http ? http.getHeader(Arrivals.HEADER) : null;
    if (tag == null || !(request instanceof HttpServletRequest http)) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = http.getInputStream().readAllBytes();
    Arrivals.record(tag, System.nanoTime());
    chain.doFilter(new ReadBody(http, body), response);
  }

  /** The request with its body already read, served again from memory. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body was read already: no asynchronous reads");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
    }
  }
}
