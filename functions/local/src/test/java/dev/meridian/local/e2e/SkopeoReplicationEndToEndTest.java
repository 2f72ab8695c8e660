package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.runtime.GlobalRouter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Geo-replication as a user meets it, with skopeo through the local runtime: push to one
 * region, pull the complete image from the others; and pushes through a global endpoint that
 * changes region between requests — the DNS flapping that breaks ACR pushes (Azure/acr#588).
 *
 * <p>Observed with skopeo 1.9.3 through the bouncing endpoint: the ping, the blob HEADs, the POSTs
 * and the manifest PUT land on different regions, while every PATCH and PUT of an upload goes to
 * the absolute, signed {@code Location} of the region that opened it; the manifest PUT then finds
 * blobs that were uploaded elsewhere through the peer regions.
 */
// A hang guard, not a speed check: every skopeo call has its own timeout too.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SkopeoReplicationEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final List<String> PEERS = List.of("westeurope", "canadacentral");

  @TempDir static Path work;
  static Skopeo skopeo;

  @BeforeAll
  static void locateSkopeo() {
    skopeo = Skopeo.locate(work);
  }

  @Test
  void push_toEastus_isPulledCompleteFromEveryOtherRegion_andAnnouncedOnce() {
    try (LocalRuntime runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts())) {
      Path source = work.resolve("geo-source");
      OciLayout.Image image = OciLayoutBuilder.create(source)
          .layer(new OciLayoutBuilder.RandomFile("etc/a.bin", 1_000, 21))
          .layer(new OciLayoutBuilder.RandomFile("opt/b.bin", 6 * 1024 * 1024 + 3, 22))
          .env("REGION=eastus")
          .build("v1");

      ProcessRunner.Result push = skopeo.push(source, "v1", hostPort(runtime, "eastus"),
          "geo/app:v1");
      assertThat(push.succeeded()).as(push.describe()).isTrue();

      for (String region : PEERS) {
        PlainHttp http = new PlainHttp(runtime.regionEndpoint(region));
        await("geo/app:v1 in " + region, () -> http.get("/v2/geo/app/manifests/v1",
            "Accept", OciLayoutBuilder.OCI_MANIFEST).statusCode() == 200);
        Path pulled = work.resolve("geo-pulled-" + region);
        ProcessRunner.Result pull = skopeo.pull(hostPort(runtime, region), "geo/app:v1", pulled,
            "v1");
        assertThat(pull.succeeded()).as("pull from %s\n%s", region, pull.describe()).isTrue();
        OciLayout.Image got = OciLayout.read(pulled, "v1");
        assertThat(got.manifestDigest()).as(region).isEqualTo(image.manifestDigest());
        assertThat(got.configDigest()).as(region).isEqualTo(image.configDigest());
        assertThat(got.layerDigests()).as(region).isEqualTo(image.layerDigests());
        for (String layer : got.layerDigests()) {
          assertThat(OciLayout.hashBlob(pulled, layer)).isEqualTo(layer);
        }
      }

      // Status from any region: every region holds the tag at the pushed digest.
      PlainHttp admin = new PlainHttp(runtime.regionEndpoint("canadacentral"));
      await("status current everywhere", () -> {
        JsonNode status = json(admin.get("/meridian/v1/replication/geo/app/v1"));
        List<String> states = new ArrayList<>();
        status.path("regions").forEach(r -> {
          if (image.manifestDigest().equals(r.path("tagDigest").asText())) {
            states.add(r.path("state").asText());
          }
        });
        return states.equals(List.of("current", "current", "current"));
      });
      // The origin announces the push once when every peer has it; each peer once on arrival.
      await("one replicated event in eastus",
          () -> events(runtime, "eastus", "replicated").size() == 1);
      assertThat(events(runtime, "eastus", "replicated").get(0).path("target").path("tag")
          .asText()).isEqualTo("v1");
      for (String region : PEERS) {
        assertThat(events(runtime, region, "push")).as(region).singleElement()
            .satisfies(e -> assertThat(e.path("origin").asText()).isEqualTo("aa"));
      }
    }
  }

  @Test
  void pushes_throughAGlobalEndpointThatBouncesBetweenRegions_succeedTwentyTimesInARow() {
    LocalOptions options = LocalOptions.ephemeralOnFreePorts()
        .withRouting(GlobalRouter.Mode.BOUNCE, null);
    try (LocalRuntime runtime = LocalRuntime.start(options)) {
      String global = runtime.globalEndpoint().getAuthority();
      List<OciLayout.Image> images = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Path source = work.resolve("bounce-" + i);
        OciLayout.Image image = OciLayoutBuilder.create(source)
            .layer(new OciLayoutBuilder.RandomFile("a.bin", 2_000 + i, 100 + i))
            .layer(new OciLayoutBuilder.RandomFile("b.bin", 300_000 + i, 200 + i))
            .build("v" + i);
        // No --retry-times: every push must succeed on its first try.
        ProcessRunner.Result push = skopeo.push(source, "v" + i, global, "bounce/app:v" + i);
        assertThat(push.succeeded()).as("push %d of 20\n%s", i + 1, push.describe()).isTrue();
        images.add(image);
      }

      for (String region : runtime.regionNames()) {
        PlainHttp http = new PlainHttp(runtime.regionEndpoint(region));
        for (int i = 0; i < images.size(); i++) {
          String path = "/v2/bounce/app/manifests/v" + i;
          await("bounce/app:v" + i + " in " + region, () -> http.get(path, "Accept",
              OciLayoutBuilder.OCI_MANIFEST).statusCode() == 200);
          HttpResponse<byte[]> manifest = http.get(path, "Accept", OciLayoutBuilder.OCI_MANIFEST);
          assertThat(PlainHttp.sha256(manifest.body())).as(region + " v" + i)
              .isEqualTo(images.get(i).manifestDigest());
          for (String layer : images.get(i).layerDigests()) {
            assertThat(http.head("/v2/bounce/app/blobs/" + layer).statusCode())
                .as("%s in %s", layer, region).isEqualTo(200);
          }
        }
      }
    }
  }

  private static List<JsonNode> events(LocalRuntime runtime, String region, String action) {
    JsonNode page = json(new PlainHttp(runtime.regionEndpoint(region))
        .get("/meridian/v1/events?after=0&limit=1000"));
    List<JsonNode> matching = new ArrayList<>();
    page.path("events").forEach(e -> {
      if (action.equals(e.path("action").asText())) {
        matching.add(e);
      }
    });
    return matching;
  }

  private static JsonNode json(HttpResponse<byte[]> response) {
    assertThat(response.statusCode()).as(PlainHttp.describe(response)).isEqualTo(200);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hostPort(LocalRuntime runtime, String region) {
    URI endpoint = runtime.regionEndpoint(region);
    return endpoint.getAuthority();
  }

  /** Polls until {@code condition} holds; fails with {@code what} after {@link #LIMIT}. */
  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + LIMIT + ": " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
