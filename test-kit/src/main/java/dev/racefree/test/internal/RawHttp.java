package dev.racefree.test.internal;

import dev.racefree.test.BurstRequest;
import dev.racefree.test.BurstResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.1 on a socket of its own, written and read by hand so that every byte is ours to time. */
public final class RawHttp {

  private RawHttp() {}

  /** The request's bytes, with Host, Content-Length, Connection: close and the arrival header. */
  public static byte[] encode(BurstRequest request, String host, int port, String arrivalTag) {
    StringBuilder head =
        new StringBuilder()
            .append(request.method())
            .append(' ')
            .append(request.path())
            .append(" HTTP/1.1\r\nHost: ")
            .append(host)
            .append(':')
            .append(port)
            .append("\r\nConnection: close\r\nX-Racefree-Burst: ")
            .append(arrivalTag)
            .append("\r\n");
    byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
    if (body.length > 0 || !request.method().equals("GET")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    request.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    bytes.writeBytes(body);
    return bytes.toByteArray();
  }

  /** Connects (no Nagle) and sends all of {@code request} but its last byte. */
  public static Socket openAndSendAllButLast(String host, int port, byte[] request)
      throws IOException {
    Socket socket = new Socket(host, port);
    try {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      out.write(request, 0, request.length - 1);
      out.flush();
      return socket;
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  /** Reads one response to the end of the stream (the server closes: Connection: close). */
  public static BurstResponse read(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    int end = indexOf(all, new byte[] {'\r', '\n', '\r', '\n'}, 0);
    if (end < 0) {
      throw new IOException("no complete response head in " + all.length + " bytes");
    }
    String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n", -1);
    String[] status = lines[0].split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP status line: " + lines[0]);
    }
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = Arrays.copyOfRange(all, end + 4, all.length);
    if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
      body = dechunk(body);
    }
    return new BurstResponse(
        Integer.parseInt(status[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Closes {@code socket}, ignoring a failure to: the burst is over either way. */
  public static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to send or read on it
    }
  }

  private static byte[] dechunk(byte[] chunked) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int eol = indexOf(chunked, new byte[] {'\r', '\n'}, at);
      if (eol < 0) {
        throw new IOException("a chunk without its size line");
      }
      String size = new String(chunked, at, eol - at, StandardCharsets.ISO_8859_1);
      int semicolon = size.indexOf(';');
      int length =
          Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (length == 0) {
        return out.toByteArray();
      }
      out.write(chunked, eol + 2, length);
      at = eol + 2 + length + 2;
    }
  }

  private static int indexOf(byte[] in, byte[] what, int from) {
    outer:
    for (int i = from; i <= in.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (in[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
