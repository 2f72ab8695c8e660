package dev.meridian.local.runtime;

import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.util.function.Function;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loopback HTTP endpoint in front of a function (Jetty 12, core handler API — already on the
 * classpath through DynamoDB Local): each request runs on a bounded pool, with the request body
 * streamed into the function and the response body streamed out of it. Slow and numerous clients
 * are bounded so they cannot hold that pool: request bodies by {@link BodyLimits} (applied by
 * {@link FunctionHandler}), connections by {@link ConnectionsPerAddress}.
 *
 * <p>Why Jetty and not the JDK's {@code HttpServer}: skopeo (and other Go clients) first try TLS
 * on a registry without a scheme. Go's server and Jetty answer the TLS ClientHello's first byte
 * with a 400 at once, so the client falls back to plain HTTP immediately; the JDK server waits
 * for a CRLF that never comes and every skopeo command stalled 10 s on its TLS handshake timeout
 * (observed with skopeo 1.9, {@code --debug}: "TLS handshake timeout", then "GET http://…").
 */
public final class HttpFront implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
  public static final int DEFAULT_THREADS = 64;
  /**
   * Request line plus header fields, in bytes (Jetty's {@code requestHeaderSize}; its default is
   * 8 KiB). 16 KiB leaves room for long bearer tokens and long repository paths, as common
   * proxies do (nginx's {@code large_client_header_buffers} allow 4 lines of 8 KiB; ALB 16 KiB per
   * line). Beyond it Jetty answers 414 (request line) or 431 (headers) itself, with an OCI error
   * body ({@link OciErrorHandler}); the number of header fields is bounded by the same bytes.
   */
  public static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;
  static final int INPUT_BUFFER = 64 << 10;

  private final String name;
  private final Server server;
  private final ServerConnector connector;

  private HttpFront(String name, Server server, ServerConnector connector) {
    this.name = name;
    this.server = server;
    this.connector = connector;
  }

  /**
   * Starts serving {@code function} on 127.0.0.1:{@code port} (0: a free port), with the body
   * limits for {@code threads} ({@link BodyLimits#forThreads}).
   */
  public static HttpFront start(
      String name, int port, int threads, Function<HttpRequest, HttpResponse> function)
      throws IOException {
    return start(name, port, threads, BodyLimits.forThreads(threads), function);
  }

  /** As {@link #start(String, int, int, Function)}, with the given body limits. */
  public static HttpFront start(String name, int port, int threads, BodyLimits limits,
      Function<HttpRequest, HttpResponse> function) throws IOException {
    QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(8, threads));
    pool.setName("http-" + name);
    pool.setDaemon(true);
    Server server = new Server(pool);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    // Raw paths reach the router, which answers NAME_INVALID for "..", "%2e%2e" and the like in
    // the protocol's own shape; Jetty's default compliance would reject or normalize them first.
    config.setUriCompliance(UriCompliance.UNSAFE);
    config.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
    HttpConnectionFactory http = new HttpConnectionFactory(config);
    // Jetty reads a request body into an 8 KiB buffer by default: one system call per 8 KiB of an
    // uploaded layer. A larger buffer takes what the socket holds at once (bench/notes.md).
    http.setInputBufferSize(INPUT_BUFFER);
    ServerConnector connector = new ServerConnector(server, 1, 1, http);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setAcceptQueueSize(128);
    connector.addEventListener(new ConnectionsPerAddress(ConnectionsPerAddress.DEFAULT_LIMIT));
    server.addConnector(connector);
    server.setHandler(new FunctionHandler(name, function, limits));
    server.setErrorHandler(new OciErrorHandler());
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // already failing
      }
      throw new IOException("cannot listen on 127.0.0.1:" + port + " for " + name + ": "
          + e.getMessage(), e);
    }
    return new HttpFront(name, server, connector);
  }

  public String name() {
    return name;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping {} failed: {}", name, e.toString());
    }
  }
}
