package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On one persistent runtime and its restart: the data directory is
 * private to its user, locked against a second runtime, and keeps the upload signing key, so an
 * upload interrupted by a restart resumes with the Location it was given.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
class DataDirectoryEndToEndTest {

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  @TempDir Path work;

  @Test
  void restart_midChunkedUpload_resumesWithTheOldLocation_andTheDirectoryStaysPrivateAndLocked()
      throws Exception {
    Path dataDir = work.resolve("data");
    byte[] blob = new byte[(int) (12.5 * 1024 * 1024)];
    new Random(16).nextBytes(blob);
    String digest = PlainHttp.sha256(blob);
    URI oldLocation;
    long firstChunk;

    try (LocalRuntime first = LocalRuntime.start(options(dataDir))) {
      PlainHttp http = new PlainHttp(first.regionEndpoint("eastus"));
      assertThatThrownBy(() -> LocalRuntime.start(options(dataDir)))
          .as("a second runtime on the same data directory")
          .hasMessageContaining("in use by another Meridian runtime (pid "
              + ProcessHandle.current().pid() + ")");

      HttpResponse<byte[]> post = http.send(http.request("/v2/restart/upload/blobs/uploads/")
          .POST(BodyPublishers.noBody()).build());
      assertThat(post.statusCode()).as(PlainHttp.describe(post)).isEqualTo(202);
      firstChunk = Math.max(post.headers().firstValueAsLong("OCI-Chunk-Min-Length").orElse(0),
          1024 * 1024);
      HttpResponse<byte[]> patch = patch(http, location(post), blob, 0, firstChunk);
      assertThat(patch.statusCode()).as(PlainHttp.describe(patch)).isEqualTo(202);
      oldLocation = location(patch);

      assertThat(permissions(dataDir)).isEqualTo("rwx------");
      assertThat(permissions(dataDir.resolve("dynamodb/meridianlocal_us-east-1.db")))
          .isEqualTo("rw-------");
      assertThat(permissions(dataDir.resolve("auth/upload-signing-key"))).isEqualTo("rw-------");
    }
    // Written to since by s3proxy and SQLite with the umask: a restart tightens it all.
    try (LocalRuntime second = LocalRuntime.start(options(dataDir))) {
      assertThat(entriesOpenToGroupOrOthers(dataDir)).isEmpty();
      // Ports are picked anew at each start: the old Location's path and query, on the region's
      // new port (with the same --port it is the same URL).
      URI endpoint = second.regionEndpoint("eastus");
      PlainHttp http = new PlainHttp(endpoint);
      URI resumed = endpoint.resolve(oldLocation.getRawPath()
          + (oldLocation.getRawQuery() == null ? "" : "?" + oldLocation.getRawQuery()));

      HttpResponse<byte[]> patch = patch(http, resumed, blob, firstChunk,
          blob.length - firstChunk);
      assertThat(patch.statusCode()).as(PlainHttp.describe(patch)).isEqualTo(202);
      String last = location(patch).toString();
      HttpResponse<byte[]> put = http.send(http.request(
          last + (last.contains("?") ? "&" : "?") + "digest=" + digest)
          .PUT(BodyPublishers.noBody()).build());
      assertThat(put.statusCode()).as(PlainHttp.describe(put)).isEqualTo(201);

      HttpResponse<byte[]> get = http.get("/v2/restart/upload/blobs/" + digest);
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(PlainHttp.sha256(get.body())).isEqualTo(digest);
    }
  }

  private static LocalOptions options(Path dataDir) throws IOException {
    Path regions = dataDir.resolveSibling("regions");
    if (!Files.exists(regions)) {
      Files.writeString(regions, "eastus aa\n");
    }
    return new LocalOptions(0, regions, dataDir, false, BlobDelivery.STREAM);
  }

  private static HttpResponse<byte[]> patch(PlainHttp http, URI location, byte[] blob,
      long from, long length) {
    return http.send(http.request(location.toString())
        .header("Content-Type", "application/octet-stream")
        .header("Content-Range", from + "-" + (from + length - 1))
        .method("PATCH", BodyPublishers.ofByteArray(blob, (int) from, (int) length))
        .build());
  }

  private static URI location(HttpResponse<byte[]> response) {
    return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static List<String> entriesOpenToGroupOrOthers(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> !Files.isSymbolicLink(p)).filter(p -> {
        try {
          return Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).stream()
              .anyMatch(GROUP_OR_OTHERS::contains);
        } catch (IOException e) {
          return false; // removed meanwhile
        }
      }).map(p -> root.relativize(p) + " " + describe(p)).toList();
    }
  }

  private static String describe(Path p) {
    try {
      return permissions(p);
    } catch (IOException e) {
      return "?";
    }
  }
}
