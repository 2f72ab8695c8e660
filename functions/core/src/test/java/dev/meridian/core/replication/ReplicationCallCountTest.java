package dev.meridian.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.oci.Digest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The number of index (DynamoDB) and bucket (S3) calls replication makes per pushed image, all
 * regions together: under sustained load these round trips are what the replicate workers spend
 * their time and the runtime its CPU on (bench/notes.md "Replication under load"), so a change
 * that adds calls to the apply path shows here as a count, not as a time.
 */
class ReplicationCallCountTest {
  private static final int IMAGES = 6;
  /**
   * Per image pushed by tag to one region, with two peers (both arrivals, the fan-out and the
   * acks): 28 index calls and 59 bucket calls (65 before a tag record was read once per
   * notification). Raise these only with a reason written next to them.
   */
  private static final double INDEX_CALLS = 28;
  private static final double BUCKET_CALLS = 59;

  @Test
  void replicate_whenImagesPushedByTag_callsPerImageStayWithinBudget() {
    CallCounter counter = new CallCounter();
    MultiRegionHarness h = new MultiRegionHarness(3, 1, NotificationBus.Faults.NONE, counter);
    List<Digest> pushed = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      pushed.add(h.pushImage("aa", "load/p" + i, "v1", "image-" + i, 1));
    }
    counter.reset();

    h.bus.runUntilQuiet();
    double indexCalls = counter.total("index.") / (double) IMAGES;
    double bucketCalls = counter.total("objects.") / (double) IMAGES;
    String calls = counter.snapshot().toString();

    for (int i = 0; i < IMAGES; i++) {
      for (String peer : List.of("ab", "ac")) {
        assertThat(MultiRegionHarness.text(h.get(peer, "/v2/load/p" + i + "/manifests/v1")))
            .as("image %d in %s", i, peer).isNotEmpty();
      }
    }
    assertThat(indexCalls).as("index calls per image: %s", calls)
        .isLessThanOrEqualTo(INDEX_CALLS);
    assertThat(bucketCalls).as("bucket calls per image: %s", calls)
        .isLessThanOrEqualTo(BUCKET_CALLS);
  }
}
