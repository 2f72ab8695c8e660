package dev.meridian.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OCI upload against a scripted registry: chunks of the advertised size, and a PATCH whose
 * answer is lost (the registry stored it, then failed) resumed from the session's Range, not resent.
 */
class StandardUploaderTest {

  private HttpServer server;
  private final ByteArrayOutputStream stored = new ByteArrayOutputStream();
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private final AtomicInteger patches = new AtomicInteger();

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void upload_chunksOfTheAdvertisedSize_andALostAnswerResumesFromTheSessionRange() throws IOException {
    byte[] blob = new byte[10_000];
    new Random(1).nextBytes(blob);
    start(4096, 2, 503);

    upload(blob);

    assertThat(stored.toByteArray()).isEqualTo(blob);
    assertThat(ranges).containsExactly("0-4095", "4096-8191", "8192-9999");
    assertThat(patches.get()).isEqualTo(3);
  }

  @Test
  void upload_whenOnlyAMinimumIsAdvertised_sendsTheWholeBlobInOnePatch() throws IOException {
    byte[] blob = new byte[10_000];
    new Random(2).nextBytes(blob);
    advertiseMax = false;
    start(4096, 0, 503);

    upload(blob);

    assertThat(stored.toByteArray()).isEqualTo(blob);
    assertThat(patches.get()).isEqualTo(1);
  }

  @Test
  void upload_refusedChunk_isNotRetried() throws IOException {
    byte[] blob = new byte[5_000];
    start(4096, 1, 400);

    assertThatThrownBy(() -> upload(blob)).isInstanceOfSatisfying(CliException.class,
        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID));
    assertThat(patches.get()).isEqualTo(1);
  }

  private boolean advertiseMax = true;

  /** A registry that stores every PATCH but answers {@code failStatus} to PATCH number {@code failAt}. */
  private void start(int chunk, int failAt, int failStatus) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        String method = exchange.getRequestMethod();
        if (method.equals("POST")) {
          exchange.getResponseHeaders().add("Location", "/v2/app/blobs/uploads/s1?sig=x");
          exchange.getResponseHeaders().add("OCI-Chunk-Min-Length", String.valueOf(chunk));
          if (advertiseMax) {
            exchange.getResponseHeaders().add("OCI-Chunk-Max-Length", String.valueOf(chunk));
          }
          exchange.sendResponseHeaders(202, -1);
        } else if (method.equals("PATCH")) {
          byte[] body = exchange.getRequestBody().readAllBytes();
          boolean fail = patches.incrementAndGet() == failAt;
          if (fail && failStatus == 400) {
            exchange.sendResponseHeaders(400, -1);
            return;
          }
          ranges.add(exchange.getRequestHeaders().getFirst("Content-Range"));
          stored.write(body);
          exchange.getResponseHeaders().add("Location", "/v2/app/blobs/uploads/s1?sig=x");
          exchange.sendResponseHeaders(fail ? failStatus : 202, -1);
        } else if (method.equals("GET")) {
          exchange.getResponseHeaders().add("Range", "0-" + (stored.size() - 1));
          exchange.sendResponseHeaders(204, -1);
        } else if (method.equals("PUT")) {
          boolean ok = exchange.getRequestURI().getQuery().equals("sig=x&digest="
              + Manifest.sha256(stored.toByteArray()));
          exchange.sendResponseHeaders(ok ? 201 : 400, -1);
        } else {
          exchange.sendResponseHeaders(405, -1);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    server.start();
  }

  private void upload(byte[] blob) {
    RegistryClient client = RegistryClient.connect("127.0.0.1:" + server.getAddress().getPort(), null, false);
    Descriptor descriptor = new Descriptor("application/octet-stream", Manifest.sha256(blob), blob.length);
    Progress progress = new Progress(new PrintWriter(Writer.nullWriter()), Progress.Mode.QUIET);
    new StandardUploader().upload(new Repository(client, "app"), descriptor,
        () -> new ByteArrayInputStream(blob), progress.track(descriptor));
  }
}
