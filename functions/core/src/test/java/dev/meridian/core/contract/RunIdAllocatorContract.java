package dev.meridian.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.builds.BatchingRunIdAllocator;
import dev.meridian.core.builds.RunId;
import dev.meridian.core.builds.RunIdAllocator;
import dev.meridian.core.naming.Seed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link RunIdAllocator} must have. {@link #newCounter} returns allocators over a
 * fresh counter; calling {@link #sameCounter} again gives another allocator (another function
 * instance) over the same counter.
 */
public abstract class RunIdAllocatorContract {

  /** A fresh counter for {@code seed}; returns its first allocator. */
  protected abstract RunIdAllocator newCounter(String seed);

  /** Another allocator over the counter {@code first} was made for. */
  protected abstract RunIdAllocator sameCounter(RunIdAllocator first);

  @Test
  void allocate_whenFresh_startsAtOneAndCountsUp() {
    RunIdAllocator a = newCounter("ab");
    assertThat(a.allocate()).isEqualTo(new RunId(new Seed("ab"), 1));
    assertThat(a.allocate()).hasToString("ab2");
    assertThat(a.reserve(5)).isEqualTo(3);
    assertThat(a.allocate()).hasToString("ab8");
  }

  @Test
  void allocate_whenTwoInstancesShareTheCounter_neverRepeatsAndStaysOrdered() {
    RunIdAllocator a = newCounter("aa");
    RunIdAllocator b = sameCounter(a);
    long previous = 0;
    for (int i = 0; i < 20; i++) {
      long next = (i % 2 == 0 ? a : b).allocate().sequence();
      assertThat(next).isGreaterThan(previous);
      previous = next;
    }
  }

  @Test
  void reserve_whenCountIsNotPositive_refuses() {
    RunIdAllocator a = newCounter("aa");
    assertThatThrownBy(() -> a.reserve(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allocate_whenRacingThreadsOnTwoInstances_eachNumberOnceAndIncreasingPerThread()
      throws Exception {
    RunIdAllocator a = newCounter("ac");
    List<RunIdAllocator> instances = List.of(a, sameCounter(a), new BatchingRunIdAllocator(a),
        new BatchingRunIdAllocator(sameCounter(a)));
    int threads = 8;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        RunIdAllocator mine = instances.get(t % instances.size());
        results.add(pool.submit(() -> {
          List<Long> got = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            got.add(mine.allocate().sequence());
          }
          return got;
        }));
      }
      Set<Long> all = new HashSet<>();
      for (Future<List<Long>> f : results) {
        List<Long> got = f.get();
        assertThat(got).isSorted().doesNotHaveDuplicates();
        all.addAll(got);
      }
      assertThat(all).hasSize(threads * each);
      assertThat(Collections.min(all)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
