package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.TestAdmin;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 70 unauthenticated token POSTs and 70 authenticated PATCHes, each sending
 * its body one byte a second, made a region unreachable (every worker thread waited on a body).
 * Under the same attack (each client reconnecting when its connection ends) a pull succeeds, by
 * a plain HTTP client and by skopeo when it is installed; the requests over the per-address caps
 * are refused at once (429), and those admitted are cut off when their body falls behind its
 * deadline (408).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
class SlowClientsEndToEndTest {

  private static final int EACH = 70;
  private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

  @TempDir Path work;

  @Test
  void slowBodies_fromManyConnections_aPullStillSucceeds_andTheSlowOnesAreRefusedOrCutOff()
      throws Exception {
    Path regions = Files.writeString(work.resolve("regions"), "eastus aa\n");
    try (LocalRuntime runtime = LocalRuntime.start(
        new LocalOptions(0, regions, null, true, BlobDelivery.STREAM))) {
      URI endpoint = runtime.regionEndpoint("eastus");
      PlainHttp http = new PlainHttp(endpoint);
      byte[] layer = new byte[3 * 1024 * 1024];
      new Random(4).nextBytes(layer);
      String manifestDigest = pushImage(http, "slow/target", layer);

      List<String> heads = new ArrayList<>();
      for (int i = 0; i < EACH; i++) {
        heads.add("POST /meridian/v1/token HTTP/1.1\r\nHost: " + endpoint.getAuthority()
            + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: 100000\r\n\r\n");
        HttpResponse<byte[]> post = http.send(http.request("/v2/slow/attack/blobs/uploads/")
            .POST(BodyPublishers.noBody()).build());
        assertThat(post.statusCode()).as(PlainHttp.describe(post)).isEqualTo(202);
        URI location = post.uri().resolve(post.headers().firstValue("Location").orElseThrow());
        heads.add("PATCH " + location.getRawPath() + "?" + location.getRawQuery()
            + " HTTP/1.1\r\nHost: " + endpoint.getAuthority() + "\r\nAuthorization: "
            + TestAdmin.BASIC + "\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Length: 100000\r\n\r\n");
      }

      Path pulled = work.resolve("pulled");
      try (SlowClients attack = SlowClients.start(endpoint, heads, Duration.ofSeconds(1), 600)) {
        while (attack.rounds() < 3) { // the attack has taken hold
          Thread.sleep(100);
        }

        pull(http, "slow/target", manifestDigest, layer);
        if (ProcessRunner.findOnPath("skopeo") != null) { // CI has it (SkopeoEndToEndTest)
          ProcessRunner.Result skopeo = Skopeo.locate(work)
              .pull(endpoint.getAuthority(), "slow/target:v1", pulled, "v1");
          assertThat(skopeo.succeeded()).as(skopeo.describe()).isTrue();
        }

        assertThat(attack.running()).as("the attack went on throughout").isTrue();
        assertThat(attack.awaitOutcome(o -> o.startsWith("HTTP/1.1 429")))
            .as("a request over the caps refused").isTrue();
        assertThat(attack.awaitOutcome(o -> o.startsWith("HTTP/1.1 408")))
            .as("a slow body cut off").isTrue();
        assertThat(attack.outcomes()).noneMatch(o -> o.startsWith("HTTP/1.1 2")
            || o.startsWith("HTTP/1.1 5"));
      }
    }
  }

  private static String pushImage(PlainHttp http, String repo, byte[] layer) {
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
    String configDigest = Upload.start(http, repo).finish(config);
    String layerDigest = Upload.start(http, repo).finish(layer);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layerDigest
        + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> put = http.send(http.request("/v2/" + repo + "/manifests/v1")
        .header("Content-Type", MANIFEST_TYPE).PUT(BodyPublishers.ofByteArray(manifest)).build());
    assertThat(put.statusCode()).as(PlainHttp.describe(put)).isEqualTo(201);
    return PlainHttp.sha256(manifest);
  }

  /** What a client's pull does: the version check, the manifest by tag, then the layer. */
  private static void pull(PlainHttp http, String repo, String manifestDigest, byte[] layer) {
    assertThat(http.get("/v2/").statusCode()).isEqualTo(200);
    HttpResponse<byte[]> manifest = http.get("/v2/" + repo + "/manifests/v1",
        "Accept", PlainHttp.MANIFEST_ACCEPT);
    assertThat(manifest.statusCode()).as(PlainHttp.describe(manifest)).isEqualTo(200);
    assertThat(PlainHttp.sha256(manifest.body())).isEqualTo(manifestDigest);
    HttpResponse<byte[]> blob = http.getFollowing("/v2/" + repo + "/blobs/"
        + PlainHttp.sha256(layer));
    assertThat(blob.statusCode()).isEqualTo(200);
    assertThat(blob.body()).isEqualTo(layer);
  }
}
