package dev.meridian.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedLocksTest {

  private final KeyedLocks locks = new KeyedLocks();

  @Test
  void with_whenManyCallersShareAKey_neverRunsTwoBodiesAtOnce() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        runs.add(pool.submit(() -> locks.with("repositories/app/manifests/x", () -> {
          most.accumulateAndGet(inside.incrementAndGet(), Math::max);
          Thread.onSpinWait();
          return inside.decrementAndGet();
        })));
      }
      for (Future<Integer> run : runs) {
        run.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(most.get()).isEqualTo(1);
    assertThat(locks.busy("repositories/app/manifests/x")).isFalse();
  }

  @Test
  void with_whenKeysDiffer_runsBodiesAtTheSameTime() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Boolean> a = pool.submit(() -> locks.with("a", () -> meet(both)));
      Future<Boolean> b = pool.submit(() -> locks.with("b", () -> meet(both)));
      assertThat(a.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(b.get(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void with_whenTheBodyThrows_releasesTheKey() {
    try {
      locks.with("k", () -> {
        throw new IllegalStateException("apply failed");
      });
    } catch (IllegalStateException expected) {
      // the caller sees the failure
    }
    assertThat(locks.busy("k")).isFalse();
    assertThat(locks.with("k", () -> "again")).isEqualTo("again");
  }

  private static boolean meet(CountDownLatch both) {
    both.countDown();
    try {
      return both.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
