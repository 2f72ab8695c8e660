package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * skopeo copies a multi-layer OCI image layout (one layer ≥ 64 MiB) into the registry and back out,
 * in both blob-delivery modes; digests must survive the round trip unchanged.
 *
 * <p>Observed with skopeo 1.9.3 against distribution 2.8.2: an OCI manifest from an {@code oci:}
 * layout is pushed as-is (no conversion, same manifest digest), blobs are not recompressed, and
 * a copy back into an {@code oci:} layout writes the registry's manifest bytes unchanged.
 */
// A hang guard, not a speed check: every client call has its own timeout too.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class SkopeoEndToEndTest {

  private static final long BIG_LAYER = 64L * 1024 * 1024 + 12_345; // not a multiple of any part size

  @TempDir static Path work;
  static Skopeo skopeo;
  static Path source;
  static OciLayout.Image image;

  @BeforeAll
  static void buildImage() {
    skopeo = Skopeo.locate(work);
    source = work.resolve("source");
    image = OciLayoutBuilder.create(source)
        .layer(new OciLayoutBuilder.RandomFile("etc/app/small.bin", 1_000, 1))
        .layer(new OciLayoutBuilder.RandomFile("opt/app/big.bin", BIG_LAYER, 2))
        .layer(new OciLayoutBuilder.RandomFile("srv/a.bin", 3 * 1024 * 1024, 3),
            new OciLayoutBuilder.RandomFile("srv/b.bin", 700_001, 4))
        .env("PATH=/usr/bin")
        .build("v1");
  }

  @Nested
  class Redirect extends RoundTrip {
    Redirect() {
      super(BlobDelivery.REDIRECT);
    }
  }

  @Nested
  class Stream extends RoundTrip {
    Stream() {
      super(BlobDelivery.STREAM);
    }
  }

  /** One registry per mode; the image is pushed once, then read back several ways. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract class RoundTrip {
    private final BlobDelivery delivery;
    private RegistryUnderTest registry;

    RoundTrip(BlobDelivery delivery) {
      this.delivery = delivery;
    }

    @BeforeAll
    void startAndPush() {
      registry = RegistryUnderTest.start(delivery);
      ProcessRunner.Result push = skopeo.push(source, "v1", registry.hostPort(), "e2e/app:v1");
      assertThat(push.succeeded()).as("push to %s\n%s", registry, push.describe()).isTrue();
    }

    @AfterAll
    void stop() {
      if (registry != null) {
        registry.close();
      }
    }

    @Test
    void pull_byTag_returnsSameManifestConfigAndLayerDigests() {
      Path out = work.resolve(delivery + "-by-tag");
      ProcessRunner.Result pull = skopeo.pull(registry.hostPort(), "e2e/app:v1", out, "v1");

      assertThat(pull.succeeded()).as(pull.describe()).isTrue();
      OciLayout.Image pulled = OciLayout.read(out, "v1");
      assertThat(pulled.digests()).containsExactlyElementsOf(image.digests());
      assertThat(pulled.manifestBytes()).isEqualTo(image.manifestBytes());
      for (String layer : pulled.layerDigests()) {
        assertThat(OciLayout.hashBlob(out, layer)).as("bytes of %s", layer).isEqualTo(layer);
      }
    }

    @Test
    void pull_byDigest_returnsSameImage() {
      Path out = work.resolve(delivery + "-by-digest");
      ProcessRunner.Result pull =
          skopeo.pull(registry.hostPort(), "e2e/app@" + image.manifestDigest(), out, "pinned");

      assertThat(pull.succeeded()).as(pull.describe()).isTrue();
      assertThat(OciLayout.read(out, "pinned").digests()).containsExactlyElementsOf(image.digests());
    }

    @Test
    void inspectRaw_byTag_returnsManifestBytesUnchanged() {
      ProcessRunner.Result inspect = skopeo.inspectRaw(registry.hostPort(), "e2e/app:v1");

      assertThat(inspect.succeeded()).as(inspect.describe()).isTrue();
      // skopeo 1.9 prints the raw bytes with no trailing newline.
      byte[] raw = inspect.stdout().getBytes(StandardCharsets.UTF_8);
      assertThat(sha256(raw)).isEqualTo(image.manifestDigest());
    }

    @Test
    void push_sameImageToAnotherRepository_servesSameDigest() {
      // skopeo HEADs each blob first and may try a cross-repository mount from e2e/app.
      ProcessRunner.Result push = skopeo.push(source, "v1", registry.hostPort(), "e2e/other:copy");
      assertThat(push.succeeded()).as(push.describe()).isTrue();

      ProcessRunner.Result inspect = skopeo.inspectRaw(registry.hostPort(), "e2e/other:copy");
      assertThat(inspect.succeeded()).as(inspect.describe()).isTrue();
      assertThat(sha256(inspect.stdout().getBytes(StandardCharsets.UTF_8))).isEqualTo(image.manifestDigest());
    }
  }

  private static String sha256(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(OciLayoutBuilder.sha256().digest(bytes));
  }
}
