package dev.meridian.core.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.fakes.InMemoryRunIdAllocator;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchingRunIdAllocatorTest {

  /** Blocks its first reserve until released, so that callers pile up behind the leader. */
  private static final class GatedCounter implements RunIdAllocator {
    final InMemoryRunIdAllocator counter = new InMemoryRunIdAllocator(new Seed("aa"));
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger writes = new AtomicInteger();
    final List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean fail;

    @Override
    public Seed seed() {
      return new Seed("aa");
    }

    @Override
    public long reserve(int count) {
      writes.incrementAndGet();
      sizes.add(count);
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      if (fail) {
        throw new StorageException("injected: counter unreachable");
      }
      return counter.reserve(count);
    }
  }

  @Test
  void allocate_whenCallersWaitBehindALeader_oneWriteServesThemAllInArrivalOrder()
      throws Exception {
    GatedCounter gated = new GatedCounter();
    BatchingRunIdAllocator batching = new BatchingRunIdAllocator(gated);
    ExecutorService pool = Executors.newFixedThreadPool(11);
    try {
      Future<RunId> leader = pool.submit(batching::allocate);
      gated.entered.await();
      List<Future<RunId>> followers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        followers.add(pool.submit(batching::allocate));
      }
      while (batching.waiting() < 10) {
        Thread.onSpinWait(); // every follower queued behind the leader's write
      }
      gated.release.countDown();
      assertThat(leader.get()).hasToString("aa1");
      List<Long> got = new ArrayList<>();
      for (Future<RunId> f : followers) {
        got.add(f.get().sequence());
      }
      assertThat(got).containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
      assertThat(gated.sizes).containsExactly(1, 10);
      assertThat(batching.allocate()).hasToString("aac"); // 12, later calls: larger numbers
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void allocate_whenTheWriteFails_everyCallerOfTheBatchFailsAndNoNumberIsReused()
      throws Exception {
    GatedCounter gated = new GatedCounter();
    gated.fail = true;
    BatchingRunIdAllocator batching = new BatchingRunIdAllocator(gated);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<RunId> leader = pool.submit(batching::allocate);
      gated.entered.await();
      Future<RunId> follower = pool.submit(batching::allocate);
      while (batching.waiting() < 1) {
        Thread.onSpinWait();
      }
      gated.release.countDown();
      assertThatThrownBy(leader::get).hasCauseInstanceOf(StorageException.class);
      assertThatThrownBy(follower::get).hasMessageContaining("injected");
      gated.fail = false;
      assertThat(batching.allocate()).hasToString("aa1"); // the failed writes consumed nothing
    } finally {
      pool.shutdownNow();
    }
  }
}
