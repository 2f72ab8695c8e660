package dev.meridian.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {

  @Test
  void run_whenCallsWaitForEachOther_runsThemAtTheSameTime() {
    // Each call waits for all three to have started: only possible if they overlap.
    CountDownLatch started = new CountDownLatch(3);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Runnable call = () -> {
      threads.add(Thread.currentThread().getName());
      started.countDown();
      try {
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };

    Concurrently.run(call, call, call);

    assertThat(threads).hasSize(3).contains(Thread.currentThread().getName());
  }

  @Test
  void run_whenOneCallFails_waitsForTheOthersAndRethrowsTheFailure() {
    AtomicBoolean slowFinished = new AtomicBoolean();
    Runnable slow = () -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      slowFinished.set(true);
    };

    assertThatThrownBy(() -> Concurrently.run(
        () -> {
          throw new StorageException("bucket unreachable");
        },
        slow))
        .isInstanceOf(StorageException.class).hasMessage("bucket unreachable");
    assertThat(slowFinished).isTrue();
  }

  @Test
  void run_whenAPooledCallFails_rethrowsItsOwnException() {
    assertThatThrownBy(() -> Concurrently.run(() -> { }, () -> {
      throw new IllegalArgumentException("bad key");
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad key");
  }

  @Test
  void run_whenOneCall_runsItOnTheCallersThread() {
    String[] ran = new String[1];
    Concurrently.run(() -> ran[0] = Thread.currentThread().getName());
    assertThat(ran[0]).isEqualTo(Thread.currentThread().getName());
  }
}
