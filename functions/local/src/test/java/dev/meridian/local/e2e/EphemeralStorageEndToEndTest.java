package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --ephemeral} keeps objects as files in a temporary directory removed at
 * exit, not in the heap. Before, every object (three regions' copies) lived in s3proxy's
 * in-memory file system, and pushes failed once the heap was full.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
class EphemeralStorageEndToEndTest {

  private static final long HEAP_MIB = 128;
  private static final long LARGE_BLOB = 2 * HEAP_MIB * 1024 * 1024;

  @TempDir Path work;

  @Test
  void push_withEphemeral_landsAsAFileInTheEphemeralDirectory_removedAtClose() throws Exception {
    byte[] blob = new byte[3 * 1024 * 1024 + 17];
    new Random(22).nextBytes(blob);
    String digest = PlainHttp.sha256(blob);
    Path regions = Files.writeString(work.resolve("regions"), "eastus aa\n");
    Path directory;
    try (LocalRuntime runtime = LocalRuntime.start(new LocalOptions(0, regions,
        work.resolve("unused"), true, BlobDelivery.STREAM))) {
      directory = runtime.ephemeralDirectory().orElseThrow();
      PlainHttp http = new PlainHttp(runtime.regionEndpoint("eastus"));
      HttpResponse<byte[]> post = http.send(http.request(
          "/v2/ephemeral/where/blobs/uploads/?digest=" + digest)
          .header("Content-Type", "application/octet-stream")
          .POST(BodyPublishers.ofByteArray(blob)).build());
      assertThat(post.statusCode()).as(PlainHttp.describe(post)).isEqualTo(201);

      assertThat(directory).isDirectory();
      assertThat(filesOfSize(directory, blob.length)).as("the blob's bytes, as a file")
          .isNotEmpty()
          .allSatisfy(file -> assertThat(Files.readAllBytes(file)).isEqualTo(blob));
      HttpResponse<byte[]> get = http.get("/v2/ephemeral/where/blobs/" + digest);
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.body()).isEqualTo(blob);
      assertThat(work.resolve("unused")).as("--data-dir is not touched").doesNotExist();
    }
    assertThat(directory).as("removed at close").doesNotExist();
  }

  /**
   * A blob twice the size of the heap, pushed to and pulled from a separate {@code java
   * -Xmx128m} runtime with {@code --ephemeral}: it would not fit in the heap, let alone twice.
   * When the process is stopped (SIGTERM), its directory is gone.
   */
  @Test
  void push_ofBlobLargerThanTheHeap_withEphemeral_isStoredAndServed_andRemovedAtExit()
      throws Exception {
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    Path blob = work.resolve("blob");
    String digest = writeRandom(blob, LARGE_BLOB);
    Path regions = Files.writeString(work.resolve("regions"), "eastus aa\n");
    Path log = work.resolve("runtime.log");
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + HEAP_MIB + "m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), "dev.meridian.local.MeridianLocal",
        "--ephemeral", "--port", "0", "--regions", regions.toString(),
        "--blob-delivery", "stream")
        .redirectError(log.toFile())
        .start();
    try {
      URI east = readyEndpoint(process, "eastus", log);
      assertThat(ephemeralDirectories(tmp)).hasSize(1);
      PlainHttp http = new PlainHttp(east);
      HttpResponse<byte[]> post = http.send(http.request(
          "/v2/ephemeral/large/blobs/uploads/?digest=" + digest)
          .header("Content-Type", "application/octet-stream")
          .POST(BodyPublishers.ofFile(blob)).build());
      assertThat(post.statusCode()).as(PlainHttp.describe(post)).isEqualTo(201);

      HttpResponse<InputStream> get = HttpClient.newHttpClient().send(
          http.request("/v2/ephemeral/large/blobs/" + digest).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(sha256(get.body())).isEqualTo(digest);
      assertThat(process.isAlive()).as("alive after the push and the pull").isTrue();
    } finally {
      process.destroy(); // SIGTERM: the shutdown hook closes the runtime
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
    assertThat(ephemeralDirectories(tmp)).as("removed at exit").isEmpty();
  }

  static URI readyEndpoint(Process process, String region, Path log) throws IOException {
    BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    URI found = null;
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("ready " + region + " ")) {
        found = URI.create(line.substring(("ready " + region + " ").length()).strip());
      }
      if (line.startsWith("ready global ")) {
        break;
      }
    }
    if (found == null) {
      throw new IllegalStateException("the runtime did not get ready: " + Files.readString(log));
    }
    Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "drain-stdout");
    drain.setDaemon(true);
    drain.start();
    return found;
  }

  private static List<Path> ephemeralDirectories(Path parent) throws IOException {
    try (Stream<Path> entries = Files.list(parent)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("meridian-ephemeral-"))
          .toList();
    }
  }

  private static List<Path> filesOfSize(Path root, long size) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).filter(p -> {
        try {
          return Files.size(p) == size;
        } catch (IOException e) {
          return false;
        }
      }).toList();
    }
  }

  private static String writeRandom(Path file, long size) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Random random = new Random(2222);
    byte[] buffer = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += buffer.length) {
        random.nextBytes(buffer);
        sha.update(buffer);
        out.write(buffer);
      }
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private static String sha256(InputStream body) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(body, sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }
}
