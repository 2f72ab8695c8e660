package dev.meridian.core.contract;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.version.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Small value factories shared by the contract suites. */
final class ContractData {
  private ContractData() {}

  static Digest digest(String seed) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return Digest.sha256(sha.digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static RepositoryName repo(String name) {
    return RepositoryName.parse(name);
  }

  static Version version(long millis) {
    return new Version(millis, 0, new Seed("aa"));
  }

  static Version version(long millis, int counter, String seed) {
    return new Version(millis, counter, new Seed(seed));
  }

  /** Runs every task at once (after a common start signal) and returns their results. */
  static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
