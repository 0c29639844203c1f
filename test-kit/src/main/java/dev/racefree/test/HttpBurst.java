package dev.racefree.test;

import dev.racefree.test.internal.RawHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * A burst of HTTP/1.1 requests sent as an attacker sends them, last-byte synchronised: each request
 * goes on a connection of its own, all but its last byte first; once every connection has sent that
 * much, one thread sends every last byte, one connection after the other, so the server completes
 * all the requests within microseconds of one another.
 *
 * <pre>{@code
 * HttpBurstResult r =
 *     HttpBurst.to(URI.create("http://localhost:" + port))
 *         .send(64, i -> BurstRequest.post("/codes/SPRING/redemptions", "{\"customer\":\"c" + i + "\"}"));
 * }</pre>
 *
 * <p>Each request carries a header {@code X-Racefree-Burst} naming the burst; {@link
 * ArrivalTimesFilter} (a servlet filter) or {@link ArrivalTimesHttpFilter} (the JDK's server) in
 * the server records when each request was complete, and {@link HttpBurstResult#arrivalSpread()}
 * reports the spread. Only loopback addresses are accepted: this is a test of one's own service.
 */
public final class HttpBurst {

  private final URI base;
  private final Duration timeout;

  private HttpBurst(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
  }

  /**
   * Bursts to {@code base}, an {@code http} URI on a loopback address ({@code localhost}, {@code
   * 127.0.0.1}, {@code ::1}); its path, if any, is ignored.
   *
   * @throws IllegalArgumentException if it is not {@code http} or not loopback
   */
  public static HttpBurst to(URI base) {
    Objects.requireNonNull(base, "base can not be null");
    if (!"http".equals(base.getScheme()) || base.getHost() == null) {
      throw new IllegalArgumentException("base must be an http URI with a host, was " + base);
    }
    try {
      if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
        throw new IllegalArgumentException("base must be on a loopback address, was " + base);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("unknown host in " + base, e);
    }
    return new HttpBurst(base, Races.DEFAULT_TIMEOUT);
  }

  /** This burst, waiting at most {@code timeout} for its connections and responses. */
  public HttpBurst withTimeout(Duration timeout) {
    return new HttpBurst(base, Objects.requireNonNull(timeout, "timeout can not be null"));
  }

  /** Sends {@code count} requests, request {@code i} being {@code request.apply(i)}. */
  public HttpBurstResult send(int count, IntFunction<BurstRequest> request) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    Objects.requireNonNull(request, "request can not be null");
    String burst = UUID.randomUUID().toString();
    int port = base.getPort() < 0 ? 80 : base.getPort();
    List<byte[]> bytes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      bytes.add(RawHttp.encode(request.apply(i), base.getHost(), port, burst + " " + i));
    }
    List<Socket> sockets = new ArrayList<>(count);
    ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<Socket>> opened = new ArrayList<>(count);
      for (byte[] b : bytes) { // connect and send all but the last byte, in parallel
        opened.add(readers.submit(() -> RawHttp.openAndSendAllButLast(base.getHost(), port, b)));
      }
      for (Future<Socket> f : opened) {
        sockets.add(await(f));
      }
      List<Future<BurstResponse>> responses = new ArrayList<>(count);
      for (Socket s : sockets) { // readers first, so that no response waits for its reader
        responses.add(readers.submit(() -> RawHttp.read(s.getInputStream())));
      }
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        OutputStream out = sockets.get(i).getOutputStream();
        byte[] b = bytes.get(i);
        out.write(b, b.length - 1, 1);
        out.flush();
      }
      Duration sent = Duration.ofNanos(System.nanoTime() - start);
      List<BurstResponse> got = new ArrayList<>(count);
      for (Future<BurstResponse> f : responses) {
        got.add(await(f));
      }
      return new HttpBurstResult(got, Arrivals.take(burst), sent);
    } catch (IOException e) {
      throw new UncheckedIOException("the burst to " + base + " failed", e);
    } finally {
      for (Socket s : sockets) {
        RawHttp.closeQuietly(s);
      }
      readers.shutdownNow();
      Arrivals.take(burst);
    }
  }

  private <T> T await(Future<T> f) throws IOException {
    try {
      return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("a request of the burst failed", e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no answer from " + base + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the burst ran", e);
    }
  }
}
