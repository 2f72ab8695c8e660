package dev.meridian.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.builder.runs.ImageBuildExecutor;
import dev.meridian.core.builds.BuildExecutor;
import dev.meridian.core.builds.BuildRequest;
import dev.meridian.core.builds.BuildRun;
import dev.meridian.core.builds.RunId;
import dev.meridian.core.builds.Trigger;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.StorageLayout;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner's executor over an in-memory region: result mapping and the region's own API. */
class ImageBuildExecutorTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private final BuilderRegistry registry = new BuilderRegistry();
  private final ImageBuildExecutor executor = new ImageBuildExecutor(registry.objects,
      registry.index, registry.api, "eastus.test");
  private final List<String> log = new ArrayList<>();

  @Test
  void execute_whenBuildSucceeds_returnsEveryImageWithTheManifestTheRegionServes()
      throws Exception {
    Digest context = upload(new TestTars().file("Dockerfile", "FROM scratch\nCOPY a /a\n")
        .file("a", "a").tarGz());

    BuildExecutor.Result r = execute(context, List.of("app:{{.Run.ID}}", "app:latest"));

    assertThat(r.succeeded()).as(String.valueOf(r.failure())).isTrue();
    assertThat(r.images()).extracting(o -> o.name()).containsExactly("app:aa1", "app:latest");
    Digest digest = r.images().get(0).digest();
    assertThat(r.images().get(1).digest()).isEqualTo(digest);
    var served = registry.api.handle(new HttpRequest("GET", "/v2/app/manifests/aa1", "",
        new HttpHeaders().set("Accept", "application/vnd.oci.image.manifest.v1+json"),
        InputStream.nullInputStream(), 0, "eastus.test", "http"));
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.headers().first("Docker-Content-Digest")).isEqualTo(digest.toString());
    assertThat(log).anyMatch(l -> l.contains("COPY a /a"));
  }

  @Test
  void execute_whenDockerfileHasRun_failsAsTheUsersFault_namingLineAndInstruction()
      throws Exception {
    Digest context = upload(new TestTars().file("Dockerfile", "FROM scratch\nRUN true\n")
        .tarGz());

    BuildExecutor.Result r = execute(context, List.of("app:x"));

    assertThat(r.succeeded()).isFalse();
    assertThat(r.system()).isFalse();
    assertThat(r.failure()).startsWith("line 2: RUN: ");
    assertThat(log).anyMatch(l -> l.startsWith("ERROR: line 2: RUN"));
  }

  @Test
  void execute_whenContextMissing_isASystemError() {
    BuildExecutor.Result r = execute(Digest.parse("sha256:" + "0".repeat(64)), List.of("app:x"));

    assertThat(r.system()).isTrue();
    assertThat(r.failure()).contains("is not in the bucket");
  }

  @Test
  void execute_whenNoImages_failsWithoutBuilding() throws Exception {
    Digest context = upload(new TestTars().file("Dockerfile", "FROM scratch\n").tarGz());

    BuildExecutor.Result r = execute(context, List.of());

    assertThat(r.system()).isFalse();
    assertThat(r.failure()).contains("no images");
  }

  private BuildExecutor.Result execute(Digest context, List<String> images) {
    BuildRequest request = new BuildRequest(context, null, images, Map.of(), null, null, null, null);
    BuildRun run = BuildRun.queued(new RunId(new Seed("aa"), 1), request, Trigger.MANUAL, NOW).running(NOW);
    return executor.execute(run, StorageLayout.buildContext(context), log::add);
  }

  private Digest upload(byte[] tarGz) throws Exception {
    Digest digest = Digest.sha256(MessageDigest.getInstance("SHA-256").digest(tarGz));
    registry.objects.put(StorageLayout.buildContext(digest), new ByteArrayInputStream(tarGz),
        tarGz.length, "application/gzip");
    return digest;
  }
}
