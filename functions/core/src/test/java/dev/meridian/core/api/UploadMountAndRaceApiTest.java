package dev.meridian.core.api;

import static dev.meridian.core.api.UploadApiTest.random;
import static dev.meridian.core.api.UploadApiTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.blob.BlobApiHarness.Reply;
import dev.meridian.core.blob.BlobApiHarness;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cross-repository mount (end-11) and two PATCHes racing on one session. */
class UploadMountAndRaceApiTest {

  private final BlobApiHarness h = new BlobApiHarness(BlobDelivery.STREAM);

  @Test
  void mount_whenLinkedInFrom_201AndServedInTarget() {
    byte[] blob = random(2000, 1);
    h.push("base/image", blob);

    Reply r = h.send("POST",
        "/v2/team/app/blobs/uploads/?mount=" + sha256(blob) + "&from=base/image", null);

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("Location")).isEqualTo("/v2/team/app/blobs/" + sha256(blob));
    assertThat(r.header("Docker-Content-Digest")).isEqualTo(sha256(blob));
    assertThat(h.send("GET", r.header("Location"), null).body()).isEqualTo(blob);
  }

  @ParameterizedTest
  @ValueSource(strings = {"&from=elsewhere", "", "&from=../etc", "&from=%2e%2e"})
  void mount_whenBlobNotInFromOrFromInvalid_fallsBackTo202Session(String from) {
    byte[] blob = random(2000, 2);
    h.push("base/image", blob);

    Reply r = h.send("POST", "/v2/team/app/blobs/uploads/?mount=" + sha256(blob) + from, null);

    assertThat(r.status()).isEqualTo(202);
    assertThat(r.header("Location")).startsWith("/v2/team/app/blobs/uploads/");
    assertThat(h.send("HEAD", "/v2/team/app/blobs/" + sha256(blob), null).status())
        .isEqualTo(404);
  }

  @Test
  void mount_whenDigestMalformed_fallsBackTo202Session() {
    Reply r = h.send("POST", "/v2/team/app/blobs/uploads/?mount=sha256:zz&from=base", null);

    assertThat(r.status()).isEqualTo(202);
  }

  /**
   * Both requests read the session before either writes (their bodies wait for each other), so
   * both append at offset 0; the conditional session update lets exactly one win.
   */
  @RepeatedTest(5)
  void patch_whenTwoRaceOnOneSession_oneWinsAndStateStaysConsistent() throws Exception {
    String location = h.send("POST", "/v2/team/app/blobs/uploads/", null).header("Location");
    byte[] a = random(1024 * 1024, 3);
    byte[] b = random(1024 * 1024, 4);
    CyclicBarrier bothReading = new CyclicBarrier(2);

    CompletableFuture<Reply> ra = CompletableFuture.supplyAsync(() -> h.send("PATCH", location,
        gated(a, bothReading), a.length, "Content-Range", "0-" + (a.length - 1)));
    CompletableFuture<Reply> rb = CompletableFuture.supplyAsync(() -> h.send("PATCH", location,
        gated(b, bothReading), b.length, "Content-Range", "0-" + (b.length - 1)));
    List<Integer> statuses = List.of(ra.get(30, TimeUnit.SECONDS).status(),
        rb.get(30, TimeUnit.SECONDS).status());

    assertThat(statuses).containsExactlyInAnyOrder(202, 416);
    byte[] winner = ra.get().status() == 202 ? a : b;
    assertThat(h.send("GET", location, null).header("Range")).isEqualTo("0-" + (a.length - 1));
    Reply done = h.send("PUT", location + "?digest=" + sha256(winner), null);
    assertThat(done.status()).isEqualTo(201);
    assertThat(h.send("GET", done.header("Location"), null).body()).isEqualTo(winner);
  }

  /** A body whose first read waits until the other request's body is being read too. */
  private static InputStream gated(byte[] bytes, CyclicBarrier barrier) {
    return new ByteArrayInputStream(bytes) {
      private boolean waited;

      @Override
      public synchronized int read(byte[] into, int off, int len) {
        if (!waited) {
          waited = true;
          try {
            barrier.await(20, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException("the other request never started", e);
          }
        }
        return super.read(into, off, len);
      }
    };
  }
}
