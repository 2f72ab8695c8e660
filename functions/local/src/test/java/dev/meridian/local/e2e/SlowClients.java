package dev.meridian.local.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Hostile clients on loopback that send a request's headers at once and then its body one byte
 * per {@code every}, as the slow-body attack of issue 16 (item 4) did. One thread drives every
 * socket; it stops by itself once every client has had an answer or been closed, or after {@code
 * maxRounds} bytes (the body is longer, so no client ever finishes it).
 */
final class SlowClients implements AutoCloseable {

  /** What became of one client: the status line it got, or how its connection ended. */
  private final ConcurrentHashMap<Integer, String> outcomes = new ConcurrentHashMap<>();
  private final List<Socket> sockets = new ArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private final java.util.concurrent.atomic.AtomicInteger rounds =
      new java.util.concurrent.atomic.AtomicInteger();
  private final Thread driver;

  private SlowClients(List<Socket> sockets, Duration every, int maxRounds) {
    this.sockets.addAll(sockets);
    driver = new Thread(() -> drive(every, maxRounds), "slow-clients");
    driver.setDaemon(true);
  }

  /**
   * Opens one connection per request head (which must declare a body longer than {@code
   * maxRounds}) and starts trickling bodies.
   */
  static SlowClients start(URI endpoint, List<String> heads, Duration every, int maxRounds)
      throws IOException {
    List<Socket> sockets = new ArrayList<>();
    for (String head : heads) {
      Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      sockets.add(socket);
    }
    SlowClients clients = new SlowClients(sockets, every, maxRounds);
    clients.driver.start();
    return clients;
  }

  private void drive(Duration every, int maxRounds) {
    try {
      for (int round = 0; round < maxRounds && outcomes.size() < sockets.size(); round++) {
        for (int i = 0; i < sockets.size(); i++) {
          if (!outcomes.containsKey(i)) {
            step(i);
          }
        }
        rounds.incrementAndGet();
        Thread.sleep(every.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      done.countDown();
    }
  }

  /** Reads an answer if one has come; otherwise sends one more byte of the body. */
  private void step(int i) {
    Socket socket = sockets.get(i);
    try {
      InputStream in = socket.getInputStream();
      if (in.available() > 0) {
        outcomes.put(i, statusLine(in));
        socket.close();
        return;
      }
      OutputStream out = socket.getOutputStream();
      out.write('x');
      out.flush();
    } catch (IOException e) {
      outcomes.put(i, "closed: " + e.getMessage());
      closeQuietly(socket);
    }
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\r' && c != '\n') {
      line.append((char) c);
    }
    return line.toString();
  }

  /** Waits until the driver has stopped (every client answered or closed, or rounds used up). */
  boolean awaitDone(Duration limit) throws InterruptedException {
    return done.await(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Rounds of one byte per client sent so far. */
  int rounds() {
    return rounds.get();
  }

  /** Each client's outcome so far, by index; clients still trickling are absent. */
  List<String> outcomes() {
    return List.copyOf(outcomes.values());
  }

  int size() {
    return sockets.size();
  }

  @Override
  public void close() {
    driver.interrupt();
    sockets.forEach(SlowClients::closeQuietly);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
