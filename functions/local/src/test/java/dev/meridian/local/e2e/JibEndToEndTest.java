package dev.meridian.local.e2e;

import dev.meridian.local.LocalOptions;
import dev.meridian.local.TestAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jib-core builds an image FROM scratch and pushes it; the manifest, config and layers are then
 * read back over plain HTTP. Both of Jib's formats: Docker v2 schema 2 (its default) and OCI.
 *
 * <p>jib-core 0.27.3 pushes over plain HTTP only with allowInsecureRegistries, and even then it
 * tries HTTPS on the port first. distribution 2.8.2 answers the TLS ClientHello at once with a
 * plain-HTTP error, so Jib falls back to HTTP. A front that waits silently for a request line
 * instead (observed on a preview merge of the JDK-HttpServer front: {@code curl -k https://…}
 * hangs until its timeout) makes Jib fail after its 20 s read timeout with
 * {@code ConnectTimeoutException: … Read timed out}, no fallback. Its caches are pointed into the
 * test's temp dir so no run touches ~/.cache/google-cloud-tools-java.
 */
// A hang guard, not a speed check: every client call has its own timeout too.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JibEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  private RegistryUnderTest registry;
  private PlainHttp http;

  @BeforeAll
  void start() {
    // Observed: jib refuses to send credentials over plain HTTP
    // (RegistryCredentialsNotSentException) unless this property is set — the same switch a jib
    // user needs against a local registry without TLS (docs/security.md "Clients").
    System.setProperty("sendCredentialsOverHttp", "true");
    registry = RegistryUnderTest.start(BlobDelivery.REDIRECT, front());
    http = new PlainHttp(registry.endpoint());
  }

  /** What serves the regions; {@link JibLambdaFrontEndToEndTest} runs the same on the Lambda shape. */
  LocalOptions.Front front() {
    return LocalOptions.Front.DIRECT;
  }

  @AfterAll
  void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @ParameterizedTest
  @EnumSource(ImageFormat.class)
  void containerize_fromScratch_pushesManifestConfigAndLayersThatReadBack(ImageFormat format)
      throws Exception {
    String tag = format.name().toLowerCase();
    JibContainer container = buildAndPush(tag, format);

    HttpResponse<byte[]> manifestResponse =
        http.get("/v2/e2e/jib/manifests/" + tag, "Accept", PlainHttp.MANIFEST_ACCEPT);
    assertThat(manifestResponse.statusCode()).as(PlainHttp.describe(manifestResponse)).isEqualTo(200);
    String digest = container.getDigest().toString();
    assertThat(PlainHttp.sha256(manifestResponse.body())).isEqualTo(digest);
    assertThat(manifestResponse.headers().firstValue("Docker-Content-Digest")).contains(digest);
    JsonNode manifest = JSON.readTree(manifestResponse.body());
    assertThat(manifestResponse.headers().firstValue("Content-Type"))
        .contains(format == ImageFormat.OCI
            ? "application/vnd.oci.image.manifest.v1+json"
            : "application/vnd.docker.distribution.manifest.v2+json");

    HttpResponse<byte[]> configResponse =
        http.getFollowing("/v2/e2e/jib/blobs/" + manifest.path("config").path("digest").asText());
    assertThat(configResponse.statusCode()).as(PlainHttp.describe(configResponse)).isEqualTo(200);
    JsonNode config = JSON.readTree(configResponse.body()).path("config");
    assertThat(texts(config.path("Env"))).contains("E2E_MODE=jib");
    assertThat(texts(config.path("Entrypoint"))).containsExactly("/app/bin/run", "--serve");
    assertThat(config.path("Labels").path("org.opencontainers.image.title").asText()).isEqualTo("meridian-e2e");

    JsonNode layers = manifest.path("layers");
    assertThat(layers).hasSize(2);
    for (JsonNode layer : layers) {
      // No redirect expected for HEAD: a presigned GET URL would not accept a HEAD anyway.
      HttpResponse<byte[]> head = http.head("/v2/e2e/jib/blobs/" + layer.path("digest").asText());
      assertThat(head.statusCode()).as(PlainHttp.describe(head)).isEqualTo(200);
      assertThat(head.headers().firstValueAsLong("Content-Length"))
          .hasValue(layer.path("size").asLong());
    }

    HttpResponse<byte[]> byDigest =
        http.get("/v2/e2e/jib/manifests/" + digest, "Accept", PlainHttp.MANIFEST_ACCEPT);
    assertThat(byDigest.statusCode()).as(PlainHttp.describe(byDigest)).isEqualTo(200);
    assertThat(byDigest.body()).isEqualTo(manifestResponse.body());
  }

  private JibContainer buildAndPush(String tag, ImageFormat format) throws Exception {
    Path app = Files.createDirectories(work.resolve(tag + "/app/bin"));
    Path run = Files.writeString(app.resolve("run"), "#!/bin/sh\necho meridian\n");
    Path data = work.resolve(tag + "/data.bin");
    try (OutputStream out = Files.newOutputStream(data)) {
      OciLayoutBuilder.writeRandom(out, 2 * 1024 * 1024 + 3, 42); // > one 1 MiB chunk, odd size
    }
    return Jib.fromScratch()
        .addLayer(List.of(run), AbsoluteUnixPath.get("/app/bin"))
        .addLayer(List.of(data), AbsoluteUnixPath.get("/srv"))
        .setEntrypoint("/app/bin/run", "--serve")
        .addEnvironmentVariable("E2E_MODE", "jib")
        .addLabel("org.opencontainers.image.title", "meridian-e2e")
        .setFormat(format)
        .containerize(Containerizer
            .to(RegistryImage.named(registry.hostPort() + "/e2e/jib:" + tag)
                .addCredential(TestAdmin.USER, TestAdmin.PASSWORD))
            .setAllowInsecureRegistries(true)
            .setBaseImageLayersCache(cacheDir("base"))
            .setApplicationLayersCache(cacheDir("app"))
            .setToolName("meridian-e2e"));
  }

  private Path cacheDir(String name) throws IOException {
    return Files.createDirectories(work.resolve("jib-cache").resolve(name));
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
