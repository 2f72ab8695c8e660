package dev.meridian.local.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Hostile clients on loopback that send a request's headers at once and then its body one byte
 * per {@code every}, as a slow-body attack does. Each client whose
 * connection ends (answered or closed) connects again with the same request, so the attack keeps
 * its strength until {@link #close}. One thread drives every socket; it stops by itself after
 * {@code maxRounds} rounds (a bound for the test, not an expectation).
 */
final class SlowClients implements AutoCloseable {

  private final URI endpoint;
  private final List<String> heads;
  private final Socket[] sockets;
  /** How each ended connection ended: the status line it got, or how it was closed. */
  private final List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger rounds = new AtomicInteger();
  private final Thread driver;
  private volatile boolean stopped;

  private SlowClients(URI endpoint, List<String> heads, Duration every, int maxRounds) {
    this.endpoint = endpoint;
    this.heads = List.copyOf(heads);
    this.sockets = new Socket[heads.size()];
    driver = new Thread(() -> drive(every, maxRounds), "slow-clients");
    driver.setDaemon(true);
  }

  /**
   * Starts one client per request head; each head must declare a body longer than {@code
   * maxRounds} bytes, so no client ever finishes it.
   */
  static SlowClients start(URI endpoint, List<String> heads, Duration every, int maxRounds) {
    SlowClients clients = new SlowClients(endpoint, heads, every, maxRounds);
    clients.driver.start();
    return clients;
  }

  private void drive(Duration every, int maxRounds) {
    try {
      for (int round = 0; round < maxRounds && !stopped; round++) {
        for (int i = 0; i < sockets.length && !stopped; i++) {
          step(i);
        }
        rounds.incrementAndGet();
        Thread.sleep(every.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Connects if needed; reads an answer if one has come; otherwise sends one more byte. */
  private void step(int i) {
    try {
      if (sockets[i] == null) {
        Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
        sockets[i] = socket;
        write(socket, heads.get(i).getBytes(StandardCharsets.US_ASCII));
        return;
      }
      InputStream in = sockets[i].getInputStream();
      if (in.available() > 0) {
        end(i, statusLine(in));
        return;
      }
      write(sockets[i], new byte[] {'x'});
    } catch (IOException e) {
      end(i, "closed: " + e.getMessage());
    }
  }

  private void end(int i, String outcome) {
    outcomes.add(outcome);
    closeQuietly(sockets[i]);
    sockets[i] = null; // connects again next round
  }

  private static void write(Socket socket, byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\r' && c != '\n') {
      line.append((char) c);
    }
    return line.toString();
  }

  /** Rounds of one byte per client sent so far. */
  int rounds() {
    return rounds.get();
  }

  /** True while the driver runs (not closed, rounds left). */
  boolean running() {
    return driver.isAlive();
  }

  /** Waits until some connection ended as {@code wanted}; false if the driver stopped first. */
  boolean awaitOutcome(Predicate<String> wanted) throws InterruptedException {
    while (driver.isAlive()) {
      if (outcomes().stream().anyMatch(wanted)) {
        return true;
      }
      Thread.sleep(100);
    }
    return outcomes().stream().anyMatch(wanted);
  }

  /** How every connection that has ended so far ended. */
  List<String> outcomes() {
    synchronized (outcomes) {
      return List.copyOf(outcomes);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    driver.interrupt();
    driver.join();
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(Socket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
