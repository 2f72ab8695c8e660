package dev.meridian.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.aws.s3.S3Buckets;
import dev.meridian.aws.s3.S3ObjectStore;
import dev.meridian.aws.testing.LocalS3Server;
import dev.meridian.core.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What the S3 adapter promises beyond the port contract, on s3proxy. */
class S3ObjectStoreTest {

  private final LocalS3Server server = LocalS3Server.shared();

  @Test
  void putIfAbsent_whenThreadsRace_exactlyOneWins() throws Exception {
    S3ObjectStore store = server.newStore("race");
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        byte[] body = ("writer-" + i).getBytes(StandardCharsets.UTF_8);
        results.add(pool.submit(() -> {
          start.await();
          return store.putIfAbsent("contended", body, "text/plain");
        }));
      }
      start.countDown();
      int wins = 0;
      for (Future<Boolean> r : results) {
        wins += r.get() ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void presignGet_onS3_alwaysReturnsUrl() {
    S3ObjectStore store = server.newStore("presign");

    assertThat(store.presignGet("any/key", Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void operations_whenBucketMissing_throwStorageExceptionRatherThanEmpty() {
    S3ObjectStore store = new S3ObjectStore(server.s3(), server.presigner(), "no-such-bucket");

    assertThatThrownBy(() -> store.get("k")).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> store.list("", null, 10)).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> store.putIfAbsent("k", new byte[1], "text/plain"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("no-such-bucket/k");
  }

  @Test
  void createIfMissing_isIdempotent() {
    String bucket = server.newBucket("twice");

    S3Buckets.createIfMissing(server.s3(), bucket);

    assertThat(server.s3().listBuckets().buckets()).anyMatch(b -> b.name().equals(bucket));
  }
}
