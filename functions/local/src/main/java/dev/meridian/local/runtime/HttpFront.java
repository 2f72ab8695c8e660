package dev.meridian.local.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loopback HTTP endpoint (the JDK's {@code HttpServer}) in front of a function: each request
 * runs on a bounded pool, with the request body streamed into the function and the response body
 * streamed out of it.
 */
public final class HttpFront implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
  public static final int DEFAULT_THREADS = 64;

  static {
    // Without TCP_NODELAY small responses (manifests, HEADs) wait on Nagle + delayed ACK (~40 ms).
    // Read once when the JDK server's config class loads, so it is set before the first server.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final String name;
  private final HttpServer server;
  private final ExecutorService pool;

  private HttpFront(String name, HttpServer server, ExecutorService pool) {
    this.name = name;
    this.server = server;
    this.pool = pool;
  }

  /** Starts serving {@code function} on 127.0.0.1:{@code port} (0: a free port). */
  public static HttpFront start(
      String name, int port, int threads, Function<HttpRequest, HttpResponse> function)
      throws IOException {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    HttpServer server;
    try {
      server = HttpServer.create(address, 128);
    } catch (java.net.BindException e) {
      throw new IOException("cannot listen on " + address + " for " + name + ": " + e.getMessage(), e);
    }
    ExecutorService pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonThreads("http-" + name));
    ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    server.setExecutor(pool);
    server.createContext("/", exchange -> serve(exchange, function));
    server.start();
    return new HttpFront(name, server, pool);
  }

  public String name() {
    return name;
  }

  public URI uri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
  }

  private static void serve(HttpExchange exchange, Function<HttpRequest, HttpResponse> function) {
    String method = exchange.getRequestMethod();
    try {
      HttpRequest request = ExchangeAdapter.toRequest(exchange);
      HttpResponse response;
      try {
        response = function.apply(request);
      } catch (RuntimeException e) {
        // Functions render their own errors; this is a bug, but the client still gets OCI JSON.
        LOG.error("{} {} failed", method, exchange.getRequestURI(), e);
        response = RegistryHttpApi.errorResponse(
            new RegistryException(OciErrorCode.UNSUPPORTED, 500, "internal error"), method);
      }
      ExchangeAdapter.send(exchange, request.method(), response);
    } catch (IOException e) {
      LOG.debug("{} {}: client went away: {}", method, exchange.getRequestURI(), e.toString());
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
