package dev.meridian.core.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Independent storage calls of one request, made at the same time instead of one after another:
 * a request's latency is the sum of its sequential round trips to S3 and DynamoDB (about 3–10 ms
 * each on the local runtime, more on AWS), and a blob upload's closing PUT made a dozen.
 *
 * <p>The first call runs on the caller's thread, the others on a shared pool of daemon threads;
 * when the pool is saturated a call runs on the caller's thread too, so nothing waits for a free
 * thread. Every call has ended when {@link #run} returns (on Lambda nothing may run after the
 * response), and the first failure is rethrown.
 */
public final class Concurrently {

  private static final ExecutorService POOL = new ThreadPoolExecutor(0, 256, 30, TimeUnit.SECONDS,
      new SynchronousQueue<>(), new NamedDaemons(), new ThreadPoolExecutor.CallerRunsPolicy());

  private Concurrently() {}

  /** Runs every call at once and returns when all have ended. */
  public static void run(Runnable... calls) {
    if (calls.length == 1) {
      calls[0].run();
      return;
    }
    List<CompletableFuture<Void>> others = new ArrayList<>();
    for (int i = 1; i < calls.length; i++) {
      others.add(CompletableFuture.runAsync(calls[i], POOL));
    }
    RuntimeException failure = null;
    try {
      calls[0].run();
    } catch (RuntimeException e) {
      failure = e;
    }
    for (CompletableFuture<Void> other : others) {
      try {
        other.join();
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r : e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static final class NamedDaemons implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "storage-io-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
