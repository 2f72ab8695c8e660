package dev.meridian.app.builds;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The daemon threads builds run on, shut down with the context. A type of its own so that it is
 * not one more {@code ExecutorService} bean for others' injection points to trip over.
 */
final class BuildThreads implements AutoCloseable {
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "build");
    t.setDaemon(true);
    return t;
  });

  ExecutorService pool() {
    return pool;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
