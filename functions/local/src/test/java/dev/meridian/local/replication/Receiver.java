package dev.meridian.local.replication;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A webhook receiver on the JDK's HTTP server (127.0.0.1, a free port): records every request and
 * the status it answered; answers {@code failFirst} requests with 500, then 200 (a {@link
 * #failing()} receiver fails until {@link #succeed()}); or, when hanging, holds every request
 * until {@link #close}.
 */
public final class Receiver implements AutoCloseable {
  public record Received(Map<String, String> headers, byte[] body, int status) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  public final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft;
  private final boolean hang;
  private final CountDownLatch released = new CountDownLatch(1);

  private Receiver(int failFirst, boolean hang) throws IOException {
    this.failuresLeft = new AtomicInteger(failFirst);
    this.hang = hang;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream().collect(
          Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> e.getValue().get(0),
              (a, b) -> a));
      if (hang) {
        received.add(new Received(headers, body, -1));
        try {
          released.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
      if (!hang) {
        received.add(new Received(headers, body, status));
      }
      byte[] answer = ("status " + status).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
  }

  public static Receiver ok() throws IOException {
    return new Receiver(0, false);
  }

  static Receiver failingFirst(int n) throws IOException {
    return new Receiver(n, false);
  }

  /** Answers 500 to everything until {@link #succeed()}. */
  static Receiver failing() throws IOException {
    return new Receiver(Integer.MAX_VALUE, false);
  }

  /** From now on, answers 200. */
  void succeed() {
    failuresLeft.set(0);
  }

  static Receiver hanging() throws IOException {
    return new Receiver(0, true);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
