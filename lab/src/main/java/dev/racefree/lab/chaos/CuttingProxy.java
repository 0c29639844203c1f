package dev.racefree.lab.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between the chaos clients and the server that cuts connections on demand: any one at
 * random, or the next one to send a {@code COMMIT}, just after the COMMIT went through to the
 * server and before its answer can come back, so the client cannot know whether it committed.
 */
final class CuttingProxy implements AutoCloseable {

  private final String host;
  private final int port;
  private final ServerSocket listener;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean cutNextCommit = new AtomicBoolean();
  private final AtomicInteger cuts = new AtomicInteger();
  private final AtomicInteger commitCuts = new AtomicInteger();

  /** Listens on a free local port and forwards to {@code host:port}. */
  CuttingProxy(String host, int port) {
    this.host = host;
    this.port = port;
    try {
      this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("the chaos proxy could not listen", e);
    }
    Thread.ofPlatform().daemon().name("chaos-proxy").start(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The next connection that sends a COMMIT is cut once the COMMIT reached the server. */
  void cutNextCommit() {
    cutNextCommit.set(true);
  }

  /** Cuts one connection at random, whatever it is doing; false when none is open. */
  boolean cutOne(SplittableRandom random) {
    List<Link> open = new ArrayList<>(links);
    if (open.isEmpty()) {
      return false;
    }
    if (open.get(random.nextInt(open.size())).close()) {
      cuts.incrementAndGet();
    }
    return true;
  }

  /** Connections cut, those just after a COMMIT included. */
  int cuts() {
    return cuts.get();
  }

  /** Connections cut just after their COMMIT was forwarded. */
  int commitCuts() {
    return commitCuts.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(host, port);
        client.setTcpNoDelay(true); // as the driver and the server do: no Nagle delay per message
        server.setTcpNoDelay(true);
        Link link = new Link(client, server);
        links.add(link);
        Thread.ofVirtual().start(() -> pump(link, client, server, true));
        Thread.ofVirtual().start(() -> pump(link, server, client, false));
      } catch (IOException e) {
        // the listener closed, or the server refused (down): the client sees the connection fail
      }
    }
  }

  private void pump(Link link, Socket from, Socket to, boolean clientToServer) {
    byte[] buffer = new byte[16_384];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
        if (clientToServer
            && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains("COMMIT")
            && cutNextCommit.compareAndSet(true, false)) {
          to.shutdownOutput(); // the COMMIT is on its way; the server sees the end after it
          if (link.close()) {
            cuts.incrementAndGet();
            commitCuts.incrementAndGet();
          }
          return;
        }
      }
    } catch (IOException e) {
      // one side closed or was cut
    } finally {
      link.close();
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    links.forEach(Link::close);
  }

  /** Both sockets of one proxied connection, closed once. */
  private final class Link {
    private final Socket client;
    private final Socket server;
    private final AtomicBoolean open = new AtomicBoolean(true);

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    /** Closes both sides; true for the call that did it. */
    boolean close() {
      if (!open.compareAndSet(true, false)) {
        return false;
      }
      links.remove(this);
      closeQuietly(client);
      closeQuietly(server);
      return true;
    }

    private static void closeQuietly(Socket s) {
      try {
        s.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }
}
