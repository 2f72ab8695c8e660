package dev.meridian.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.version.HybridLogicalClock;
import dev.meridian.core.version.Version;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tag cache's reload of an expired entry: once per key, not once per waiting request. */
class TagServiceReloadTest {
  private static final RepositoryName REPO = RepositoryName.parse("team/app");
  private static final Tag TAG = Tag.parse("v1");
  private static final Digest DIGEST = Digest.parse("sha256:" + "a".repeat(64));

  private final InMemoryMetadataIndex inner = new InMemoryMetadataIndex();
  private final AtomicInteger tagReads = new AtomicInteger();
  private final CountDownLatch releaseReads = new CountDownLatch(1);
  private volatile boolean holdReads;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);

  @AfterEach
  void stop() {
    releaseReads.countDown();
    threads.shutdownNow();
  }

  /** Counts getTagState; while holding, each read waits until released (a slow table). */
  private MetadataIndex counted() {
    return (MetadataIndex) Proxy.newProxyInstance(MetadataIndex.class.getClassLoader(),
        new Class<?>[] {MetadataIndex.class}, (proxy, method, args) -> {
          if (method.getName().equals("getTagState")) {
            tagReads.incrementAndGet();
            if (holdReads) {
              releaseReads.await(30, TimeUnit.SECONDS);
            }
          }
          try {
            return method.invoke(inner, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private TagService service(boolean cached) {
    Seed seed = new Seed("aa");
    return new TagService(counted(), new InMemoryObjectStore(),
        new HybridLogicalClock(Clock.systemUTC(), seed), seed, cached);
  }

  private List<Future<Optional<TagService.Resolved>>> resolveConcurrently(TagService tags,
      int requests) {
    List<Future<Optional<TagService.Resolved>>> results = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      results.add(threads.submit(() -> tags.resolveLive(REPO, TAG)));
    }
    return results;
  }

  @Test
  void resolveLive_whenTheCachedEntryExpiresUnderConcurrentReads_readsTheIndexOnce()
      throws Exception {
    inner.putTag(REPO, TagRecord.pointing("v1", DIGEST, new Version(1, 0, new Seed("aa"))));
    TagService tags = service(true);
    assertThat(tags.resolveLive(REPO, TAG)).isPresent();
    Thread.sleep(1_100); // past the 1 s the pending mark may go unread
    tagReads.set(0);

    holdReads = true;
    List<Future<Optional<TagService.Resolved>>> results = resolveConcurrently(tags, 8);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (tagReads.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    Thread.sleep(200); // the other seven reach the reload lock (or, before, the index)
    releaseReads.countDown();

    for (Future<Optional<TagService.Resolved>> r : results) {
      assertThat(r.get(30, TimeUnit.SECONDS)).map(TagService.Resolved::digest).contains(DIGEST);
    }
    assertThat(tagReads).hasValue(1);
  }

  @Test
  void resolveLive_whenTheTagIsAbsent_readsForEveryRequestWithoutWaitingForOthers()
      throws Exception {
    TagService tags = service(true);

    holdReads = true;
    List<Future<Optional<TagService.Resolved>>> results = resolveConcurrently(tags, 4);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (tagReads.get() < 4 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }

    assertThat(tagReads).hasValue(4); // all four in the index at once: no lock held for 404s
    releaseReads.countDown();
    for (Future<Optional<TagService.Resolved>> r : results) {
      assertThat(r.get(30, TimeUnit.SECONDS)).isEmpty();
    }
  }

  @Test
  void resolveLive_afterAnInvalidation_readsTheNewDigest() throws Exception {
    inner.putTag(REPO, TagRecord.pointing("v1", DIGEST, new Version(1, 0, new Seed("aa"))));
    TagService tags = service(true);
    assertThat(tags.resolveLive(REPO, TAG)).map(TagService.Resolved::digest).contains(DIGEST);

    Digest newer = Digest.parse("sha256:" + "b".repeat(64));
    inner.putTag(REPO, TagRecord.pointing("v1", newer, new Version(2, 0, new Seed("aa"))));
    tags.changed(REPO, "v1");

    assertThat(tags.resolveLive(REPO, TAG)).map(TagService.Resolved::digest).contains(newer);
  }
}
