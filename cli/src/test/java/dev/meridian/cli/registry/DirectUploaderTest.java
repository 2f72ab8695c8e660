package dev.meridian.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.error.ExitCode;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.image.Manifest;
import dev.meridian.cli.transfer.Progress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A direct upload against a scripted registry and store (docs/uploads.md, "Direct uploads"):
 * URLs beyond the first answer asked for with {@code PATCH ?parts=}, a URL S3 refuses (403,
 * expired) asked for again, a 503 retried, no {@code Authorization} to storage, and the
 * completing PUT repeated while the registry answers 202 verifying.
 */
class DirectUploaderTest {

  private static final int PART = 1000;

  private HttpServer server;
  private final Map<Integer, byte[]> parts = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> issued = new ConcurrentHashMap<>();
  private final List<String> partRequests = new CopyOnWriteArrayList<>();
  private final List<String> storageAuth = new CopyOnWriteArrayList<>();
  private final AtomicInteger completions = new AtomicInteger();
  private final AtomicInteger part4Puts = new AtomicInteger();
  private final AtomicInteger posts = new AtomicInteger();
  private final AtomicInteger deletes = new AtomicInteger();
  private int partCount;
  private long length;
  private boolean direct = true;
  private int refuse = 403;
  /** The OCI-Chunk-Max-Length a standard session advertises (a body limit, as on Lambda); null: none. */
  private Long chunkMax;
  private volatile boolean standardSession;

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void upload_asksForMoreAndFreshUrls_retriesA503_andRepeatsTheCompletionWhileVerifying() throws IOException {
    byte[] blob = blob(4_500);
    start();

    upload(blob);

    assertThat(assembled()).isEqualTo(blob);
    // the POST listed parts 1-2; the rest were asked for, part 3 twice (its first URL "expired")
    assertThat(partRequests).contains("parts=3-5").filteredOn("parts=3-5"::equals).hasSize(2);
    assertThat(issued.get(3).get()).isEqualTo(2);
    assertThat(part4Puts.get()).isEqualTo(2);
    assertThat(storageAuth).isEmpty();
    assertThat(completions.get()).isEqualTo(3);
    assertThat(deletes.get()).isZero();
  }

  @Test
  void upload_whenTheRegistryAnswersAStandardSession_sendsTheBytesThroughIt() throws IOException {
    byte[] blob = blob(2_500);
    direct = false;
    start();

    upload(blob);

    assertThat(posts.get()).isEqualTo(1);
    assertThat(parts.get(0)).isEqualTo(blob);
  }

  @Test
  void upload_whenStorageRefusesAPart_failsWithoutTheUrl_andCancelsTheSession() throws IOException {
    byte[] blob = blob(2_500);
    refuse = 400;
    start();

    assertThatThrownBy(() -> upload(blob)).isInstanceOfSatisfying(CliException.class, e -> {
      assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID);
      assertThat(e.getMessage()).contains("HTTP 400 InvalidArgument").doesNotContain("gen=");
    });
    assertThat(deletes.get()).isEqualTo(1);
    assertThat(completions.get()).isZero();
  }

  @Test
  void upload_byDefault_whenTheRegistryTakesWholeBlobs_sendsOnePatchThroughIt_andNeverAsksForDirect()
      throws IOException {
    byte[] blob = blob(2_500);
    start();

    upload(blob, false);

    assertThat(posts.get()).isEqualTo(1);
    assertThat(parts.get(0)).isEqualTo(blob);
    assertThat(partCount).isZero(); // no direct POST was answered
    assertThat(deletes.get()).isZero();
  }

  @Test
  void upload_byDefault_whenTheRegistryLimitsBodies_cancelsTheStandardSessionAndGoesDirect() throws IOException {
    byte[] blob = blob(4_500);
    chunkMax = 1_000L;
    start();

    upload(blob, false);

    assertThat(posts.get()).isEqualTo(2);
    assertThat(deletes.get()).isEqualTo(1);
    assertThat(parts.get(0)).isNull();
    assertThat(assembled()).isEqualTo(blob);
    assertThat(completions.get()).isEqualTo(3);
  }

  private static byte[] blob(int size) {
    byte[] blob = new byte[size];
    new Random(size).nextBytes(blob);
    return blob;
  }

  private byte[] assembled() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int n = 1; n <= partCount; n++) {
      byte[] part = parts.get(n);
      if (part == null) {
        return null;
      }
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Parts [from, to] with URLs, at most two per answer (as the registry's cap of 1,000, scaled down). */
  private String plan(long length, int from, int to) {
    StringBuilder json = new StringBuilder("{\"mode\":\"direct\",\"length\":" + length + ",\"partSize\":" + PART
        + ",\"partCount\":" + partCount + ",\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\",\"parts\":[");
    for (int n = from; n <= Math.min(to, from + 1); n++) {
      int gen = issued.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/s3/" + n + "?gen=" + gen + "&X-Amz-Signature=s";
      json.append(n == from ? "" : ",").append("{\"partNumber\":").append(n).append(",\"url\":\"").append(url)
          .append("\",\"offset\":").append((long) (n - 1) * PART).append(",\"length\":")
          .append(Math.min(PART, length - (long) (n - 1) * PART)).append('}');
    }
    return json.append("]}").toString();
  }

  private void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    server.createContext("/s3/", exchange -> {
      try (exchange) {
        storage(exchange);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    server.createContext("/v2/", exchange -> {
      try (exchange) {
        registry(exchange);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    server.start();
  }

  private void storage(HttpExchange exchange) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth != null) {
      storageAuth.add(auth);
    }
    int n = Integer.parseInt(exchange.getRequestURI().getPath().substring("/s3/".length()));
    String query = exchange.getRequestURI().getQuery();
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (refuse != 403 && n == 2) {
      send(exchange, refuse, "<Error><Code>InvalidArgument</Code></Error>");
    } else if (n == 3 && query.startsWith("gen=1&")) {
      send(exchange, 403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
    } else if (n == 4 && part4Puts.incrementAndGet() == 1) {
      send(exchange, 503, "<Error><Code>SlowDown</Code></Error>");
    } else {
      parts.put(n, body);
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private void registry(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String query = exchange.getRequestURI().getQuery();
    var headers = exchange.getResponseHeaders();
    if (method.equals("POST")) {
      posts.incrementAndGet();
      headers.add("Location", "/v2/app/blobs/uploads/s1?sig=x");
      standardSession = !direct || !"direct".equals(exchange.getRequestHeaders().getFirst("Meridian-Upload-Mode"));
      if (standardSession) {
        if (chunkMax != null) {
          headers.add("OCI-Chunk-Max-Length", Long.toString(chunkMax));
        }
        exchange.sendResponseHeaders(202, -1);
        return;
      }
      length = Long.parseLong(exchange.getRequestHeaders().getFirst("Meridian-Upload-Length"));
      partCount = (int) ((length + PART - 1) / PART);
      headers.add("Meridian-Upload-Mode", "direct");
      send(exchange, 202, plan(length, 1, partCount));
    } else if (method.equals("PATCH") && query.contains("parts=")) {
      String range = query.substring(query.indexOf("parts="));
      partRequests.add(range);
      String[] ab = range.substring("parts=".length()).split("-");
      send(exchange, 200, plan(length, Integer.parseInt(ab[0]), Integer.parseInt(ab[1])));
    } else if (method.equals("PATCH")) {
      parts.put(0, exchange.getRequestBody().readAllBytes());
      headers.add("Location", "/v2/app/blobs/uploads/s1?sig=x");
      exchange.sendResponseHeaders(202, -1);
    } else if (method.equals("PUT") && standardSession) {
      boolean ok = query.equals("sig=x&digest=" + Manifest.sha256(parts.get(0)));
      exchange.sendResponseHeaders(ok ? 201 : 400, -1);
    } else if (method.equals("PUT")) {
      byte[] all = assembled();
      if (all == null || !query.equals("sig=x&digest=" + Manifest.sha256(all))) {
        send(exchange, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"no\"}]}");
      } else if (completions.incrementAndGet() < 3) {
        headers.add("Meridian-Upload-Status", "verifying");
        headers.add("Retry-After", "1");
        send(exchange, 202, "{\"mode\":\"direct\",\"status\":\"verifying\"}");
      } else {
        exchange.sendResponseHeaders(201, -1);
      }
    } else if (method.equals("DELETE")) {
      deletes.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
    } else {
      exchange.sendResponseHeaders(405, -1);
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private void upload(byte[] blob) {
    upload(blob, true);
  }

  /** {@code always}: direct whenever offered (--direct); false: the default. */
  private void upload(byte[] blob, boolean always) {
    RegistryClient client = RegistryClient.connect("127.0.0.1:" + server.getAddress().getPort(), null, false);
    Descriptor descriptor = new Descriptor("application/octet-stream", Manifest.sha256(blob), blob.length);
    Progress progress = new Progress(new PrintWriter(Writer.nullWriter()), Progress.Mode.QUIET);
    new DirectUploader(new StandardUploader(), 1, null, always).upload(new Repository(client, "app"), descriptor,
        () -> new ByteArrayInputStream(blob), progress.track(descriptor));
  }
}
