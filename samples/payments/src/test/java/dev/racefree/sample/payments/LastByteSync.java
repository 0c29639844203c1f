package dev.racefree.sample.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Requests sent as an attacker sends them, with HTTP/1.1 last-byte synchronisation: each on its own
 * connection, all but its last byte first; once every connection has sent that much, a barrier
 * releases the last bytes together, so the server starts every request at once. Raw HTTP/1.1 over
 * sockets ({@code Connection: close}), so that no client library pools, pipelines or delays a
 * request.
 */
final class LastByteSync {

  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");

  private final int port;

  LastByteSync(int port) {
    this.port = port;
  }

  /** Each of {@code requests} on its own connection, last-byte synchronised; their responses. */
  List<String> burst(List<byte[]> requests) throws Exception {
    int n = requests.size();
    CyclicBarrier lastBytes = new CyclicBarrier(n);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (byte[] request : requests) {
        futures.add(
            pool.submit(() -> {
              try (Socket socket = new Socket("localhost", port)) {
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                out.write(request, 0, request.length - 1);
                out.flush();
                lastBytes.await(30, TimeUnit.SECONDS); // every connection is one byte short
                out.write(request, request.length - 1, 1);
                out.flush();
                return read(socket.getInputStream());
              }
            }));
      }
      List<String> responses = new ArrayList<>();
      for (Future<String> f : futures) {
        responses.add(f.get(60, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** One request on its own connection; the response. */
  String exchange(byte[] request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.getOutputStream().write(request);
      return read(socket.getInputStream());
    }
  }

  /**
   * {@code method path} with a JSON body ({@code ""}: none) and extra header lines ({@code
   * "Idempotency-Key: k"}).
   */
  static byte[] request(String method, String path, String json, String... headers) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    head.append("Content-Type: application/json\r\nConnection: close\r\n")
        .append("Content-Length: ")
        .append(body.length)
        .append("\r\n\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
    bytes.writeBytes(body);
    return bytes.toByteArray();
  }

  /** {@code POST path} with a JSON body. */
  static byte[] post(String path, String json, String... headers) {
    return request("POST", path, json, headers);
  }

  /** The response's status code. */
  static int status(String response) {
    Matcher m = STATUS.matcher(response);
    assertThat(m.find()).as(response).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** How many responses had each status code. */
  static Map<Integer, Long> statuses(List<String> responses) {
    return responses.stream()
        .collect(Collectors.groupingBy(LastByteSync::status, Collectors.counting()));
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8); // the server closes: Connection
  }
}
