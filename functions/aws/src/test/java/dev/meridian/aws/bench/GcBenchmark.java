package dev.meridian.aws.bench;

import dev.meridian.aws.dynamodb.DynamoDbEventLog;
import dev.meridian.aws.dynamodb.DynamoDbMetadataIndex;
import dev.meridian.aws.s3.S3ObjectStore;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.aws.testing.LocalS3Server;
import dev.meridian.core.lifecycle.gc.GarbageCollector;
import dev.meridian.core.lifecycle.gc.GcRun;
import dev.meridian.core.lifecycle.gc.GcSettings;
import dev.meridian.core.lifecycle.rules.Retained;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.version.Version;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Garbage collection cost on one region of real adapters (DynamoDB Local and s3proxy, in this
 * JVM), for {@code bench/gc.sh}; skipped in normal builds. For each size N: N manifests in N/100
 * repositories, each with its own config blob and one of N/10 shared layers, written through the
 * ports as pushes leave them (objects, put records, index items, links); a tenth are then deleted
 * (tombstone, index item removed). One GC run with no grace period is timed; it must delete each
 * deleted manifest's object and config, and the shared layers only deleted manifests used. Numbers go to {@code target/gc-bench.md}.
 */
@EnabledIfSystemProperty(named = "meridian.bench", matches = "true")
class GcBenchmark {
  private static final String MEDIA = "application/vnd.oci.image.manifest.v1+json";

  @Test
  void gc_overOneRegion() throws Exception {
    List<String> rows = new ArrayList<>();
    for (String size : System.getProperty("meridian.bench.sizes", "1000,5000,10000").split(",")) {
      rows.add(measure(Integer.parseInt(size.trim())));
    }
    StringBuilder out = new StringBuilder(
        "| manifests | deleted | populate s | GC s | ms per 1,000 manifests | blobs deleted | manifests deleted | bytes freed |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    rows.forEach(r -> out.append(r).append('\n'));
    Files.writeString(Path.of("target", "gc-bench.md"), out.toString());
    System.out.print(out);
  }

  private static String measure(int manifests) throws Exception {
    LocalDynamoDb db = LocalDynamoDb.shared();
    LocalS3Server s3 = LocalS3Server.shared();
    String table = db.newTable("gc-bench");
    S3ObjectStore objects = new S3ObjectStore(s3.s3(), s3.presigner(), s3.newBucket("gc-bench"));
    DynamoDbMetadataIndex index = new DynamoDbMetadataIndex(db.client(), table);
    ReplicaSet replicas = new ReplicaSet(List.of(new Region("eastus", new Seed("aa"), objects, index,
        new DynamoDbEventLog(db.client(), table))));
    long t0 = System.nanoTime();
    int deleted = populate(objects, index, manifests);
    // Every tenth manifest is deleted, so are all ten users of every tenth shared layer.
    int expectedBlobs = deleted + (Math.max(1, manifests / 10) + 9) / 10;
    long populated = System.nanoTime() - t0;
    GarbageCollector gc = new GarbageCollector(replicas, new Seed("aa"), Retained.NONE,
        new GcSettings(Duration.ZERO, 10), Clock.systemUTC());
    long t1 = System.nanoTime();
    GcRun run = gc.run(false);
    long gcNanos = System.nanoTime() - t1;
    if (run.manifestsDeleted() != deleted || run.blobsDeleted() != expectedBlobs) {
      throw new IllegalStateException("expected " + deleted + " deletions, got " + run);
    }
    return String.format("| %,d | %,d | %.1f | %.1f | %.0f | %,d | %,d | %,d |", manifests,
        deleted, populated / 1e9, gcNanos / 1e9, gcNanos / 1e6 / (manifests / 1000.0),
        run.blobsDeleted(), run.manifestsDeleted(), run.bytesFreed());
  }

  /** Writes the registry with 8 threads; returns how many manifests were deleted. */
  private static int populate(S3ObjectStore objects, DynamoDbMetadataIndex index, int n)
      throws Exception {
    int layers = Math.max(1, n / 10);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int l = 0; l < layers; l++) {
        byte[] layer = ("shared layer " + l).getBytes(StandardCharsets.UTF_8);
        work.add(pool.submit(() -> blob(objects, index, layer)));
      }
      await(work);
      work.clear();
      for (int i = 0; i < n; i++) {
        int m = i;
        work.add(pool.submit(() -> manifest(objects, index, m, layers, m % 10 == 0)));
      }
      await(work);
      return (n + 9) / 10;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void manifest(S3ObjectStore objects, DynamoDbMetadataIndex index, int m,
      int layers, boolean delete) {
    RepositoryName repo = RepositoryName.parse("bench/repo" + (m / 100));
    byte[] configBytes = ("config " + m).getBytes(StandardCharsets.UTF_8);
    Digest config = blob(objects, index, configBytes);
    Digest layer = digest(("shared layer " + (m % layers)).getBytes(StandardCharsets.UTF_8));
    String body = "{\"schemaVersion\":2,\"mediaType\":\"" + MEDIA + "\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":"
        + configBytes.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer."
        + "v1.tar\",\"digest\":\"" + layer + "\",\"size\":20}]}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Digest digest = digest(bytes);
    Map<Digest, Long> links = new LinkedHashMap<>();
    links.put(config, (long) configBytes.length);
    links.put(layer, 20L);
    index.linkBlobs(repo, links);
    objects.putIfAbsent(StorageLayout.manifest(repo, digest), bytes, MEDIA,
        Map.of(StorageLayout.ORIGIN_METADATA, "aa"));
    objects.putIfAbsent(StorageLayout.manifestPut(repo, digest, new Version(1_000_000L + m, 0,
        new Seed("aa"))), "{}".getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
    if (delete) {
      objects.putIfAbsent(StorageLayout.manifestTombstone(repo, digest,
          new Version(2_000_000L + m, 0, new Seed("aa"))), "{}".getBytes(StandardCharsets.UTF_8),
          "application/json", Map.of());
    } else {
      index.putManifest(repo, new ManifestRecord(digest, MEDIA, bytes.length, null, null,
          Map.of(), List.of(config, layer), List.of(), Instant.now()));
    }
  }

  private static Digest blob(S3ObjectStore objects, DynamoDbMetadataIndex index, byte[] bytes) {
    Digest d = digest(bytes);
    objects.put(StorageLayout.blob(d), new ByteArrayInputStream(bytes), bytes.length,
        "application/octet-stream");
    index.putBlob(new BlobRecord(d, bytes.length, Instant.now().minusSeconds(1)));
    return d;
  }

  private static Digest digest(byte[] bytes) {
    try {
      return Digest.parse("sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(bytes)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(List<Future<?>> work) throws Exception {
    for (Future<?> f : work) {
      f.get();
    }
  }
}
