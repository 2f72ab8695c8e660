package dev.meridian.local.builds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.builds.ContextTar;
import dev.meridian.core.builds.HostileTars;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Build budgets end to end: the two hostile contexts that took every region
 * down — very many empty files, and a small gzip of a huge file of zeros — enqueued through the
 * local runtime end {@code Failed} with a log line naming the budget, and afterwards a normal
 * push and pull works in every region, and so does a normal build. The budgets are set small
 * ({@code meridian.builds.*} as system properties, as {@code MERIDIAN_BUILDS_*} would be), so
 * the contexts stay small for CI: 5,000 entries against 2,000, 64 MiB against 1 MiB per file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
class BuildBudgetsEndToEndTest {
  private static final Map<String, String> BUDGETS = Map.of(
      "meridian.builds.max-entries", "2000",
      "meridian.builds.max-file-bytes", "1MB",
      "meridian.builds.max-unpacked-bytes", "8MB");
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  private final BuildsHttp http = new BuildsHttp();
  private LocalRuntime runtime;
  private URI east;

  @BeforeAll
  void start() {
    BUDGETS.forEach(System::setProperty);
    try {
      runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts());
    } finally {
      BUDGETS.keySet().forEach(System::clearProperty); // read at start; other tests keep defaults
    }
    east = runtime.regionEndpoint("eastus");
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void hostileContexts_failOnTheirBudgets_andEveryRegionStillPushesAndPulls() {
    String manyFiles = http.enqueue(east, body(http.upload(east,
        HostileTars.manyEmptyFiles(5_000)), "hostile/files"));
    String zeros = http.enqueue(east, body(http.upload(east,
        HostileTars.zeros("zeros.bin", 64L << 20)), "hostile/zeros"));

    assertFailedOn(manyFiles, "ERROR: the build exceeds the budget of 2000 entries"
        + " (meridian.builds.max-entries) while reading the context");
    assertFailedOn(zeros, "ERROR: 'zeros.bin' in the context is 67108864 bytes, over the budget"
        + " of 1048576 bytes per file (meridian.builds.max-file-bytes)");
    for (String repository : List.of("hostile/files", "hostile/zeros")) {
      assertThat(http.send(east, "GET", "/v2/" + repository + "/tags/list", null, null)
          .statusCode()).as(repository).isEqualTo(404);
    }

    for (String region : runtime.regionNames()) {
      pushAndPullEverywhere(region);
    }
    String normal = http.enqueue(east, body(http.upload(east, ContextTar.of(Map.of(
        "Dockerfile", "FROM scratch\nCOPY a.txt /a.txt\n", "a.txt", "a\n"))), "normal/app"));
    JsonNode run = http.awaitFinished(east, normal);
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Succeeded");
  }

  private void assertFailedOn(String runId, String logLine) {
    JsonNode run = http.awaitFinished(east, runId);
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Failed");
    assertThat(http.log(east, runId)).contains(logLine, "run " + runId + " Failed");
  }

  private static String body(String context, String repository) {
    return "{\"context\":\"" + context + "\",\"images\":[\"" + repository + ":{{.Run.ID}}\"]}";
  }

  /** Pushes a one-layer image to {@code region}, then pulls it from every region. */
  private void pushAndPullEverywhere(String region) {
    URI base = runtime.regionEndpoint(region);
    String repository = "after/" + region;
    byte[] layer = ("layer of " + region).getBytes(StandardCharsets.UTF_8);
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
    String layerDigest = pushBlob(base, repository, layer);
    String configDigest = pushBlob(base, repository, config);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
        + "\",\"size\":" + layer.length + "}]}";
    HttpResponse<String> put = http.send(base, "PUT", "/v2/" + repository + "/manifests/v1",
        manifest.getBytes(StandardCharsets.UTF_8), null, OCI_MANIFEST);
    assertThat(put.statusCode()).as("PUT manifest in " + region + ": " + put.body())
        .isEqualTo(201);
    for (String other : runtime.regionNames()) {
      URI from = runtime.regionEndpoint(other);
      assertThat(http.awaitOk(from, "/v2/" + repository + "/manifests/v1", OCI_MANIFEST).body())
          .as(other).isEqualTo(manifest);
      assertThat(http.awaitOk(from, "/v2/" + repository + "/blobs/" + layerDigest, null).body())
          .as(other).isEqualTo("layer of " + region);
    }
  }

  private String pushBlob(URI base, String repository, byte[] content) {
    String digest = sha256(content);
    HttpResponse<String> r = http.send(base, "POST", "/v2/" + repository + "/blobs/uploads/?digest="
        + digest, content, null);
    assertThat(r.statusCode()).as("push blob: " + r.body()).isEqualTo(201);
    return digest;
  }

  private static String sha256(byte[] content) {
    try {
      return "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
