package dev.meridian.core.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.manifest.OnMiss;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code onMiss} setting of the registry and of each repository. Configuration is
 * written to every region, as accounts are: one small JSON object per scope in every region's
 * bucket ({@link StorageLayout#PULL_SETTINGS}, {@link StorageLayout#pullSettings}), outside the
 * keys replication copies, so each region reads its own copy. A region reads it only on a miss,
 * and keeps what it read for {@value #TTL_SECONDS} s, so a change reaches every region's pulls
 * within that time.
 */
public final class PullSettings {
  static final int TTL_SECONDS = 5;
  private static final long TTL_NANOS = TTL_SECONDS * 1_000_000_000L;
  private static final int MAX_CACHED = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Cached(Optional<OnMiss> value, long readAt) {}

  private final ReplicaSet replicas;
  private final Region self;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public PullSettings(ReplicaSet replicas, Seed selfSeed) {
    this.replicas = replicas;
    this.self = replicas.region(selfSeed);
  }

  /** The repository's setting, else the registry's, else {@code report}. */
  public OnMiss onMiss(RepositoryName repository) {
    return cached(StorageLayout.pullSettings(repository))
        .or(() -> cached(StorageLayout.PULL_SETTINGS)).orElse(OnMiss.REPORT);
  }

  /** The setting held at one scope ({@code repository} null: the registry's), read now. */
  public Optional<OnMiss> get(RepositoryName repository) {
    return read(key(repository));
  }

  /** Writes the setting to every region's bucket; a region that cannot be written fails it. */
  public void set(RepositoryName repository, OnMiss onMiss) {
    byte[] body = ("{\"onMiss\":\"" + onMiss.wireName() + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    for (Region region : replicas.regions()) {
      region.objects().put(key(repository), new ByteArrayInputStream(body), body.length,
          "application/json");
    }
    cache.remove(key(repository));
  }

  /** Removes a repository's override in every region (the registry's setting applies again). */
  public void clear(RepositoryName repository) {
    for (Region region : replicas.regions()) {
      region.objects().delete(key(repository));
    }
    cache.remove(key(repository));
  }

  private static String key(RepositoryName repository) {
    return repository == null ? StorageLayout.PULL_SETTINGS
        : StorageLayout.pullSettings(repository);
  }

  private Optional<OnMiss> cached(String key) {
    Cached hit = cache.get(key);
    long now = System.nanoTime();
    if (hit != null && now - hit.readAt() < TTL_NANOS) {
      return hit.value();
    }
    Optional<OnMiss> value = read(key);
    if (cache.size() >= MAX_CACHED) {
      cache.clear(); // a bound, not an LRU: settings are read on misses only
    }
    cache.put(key, new Cached(value, now));
    return value;
  }

  private Optional<OnMiss> read(String key) {
    Optional<ObjectContent> content = self.objects().get(key);
    if (content.isEmpty()) {
      return Optional.empty();
    }
    try (ObjectContent c = content.get(); InputStream in = c.stream()) {
      JsonNode node = JSON.readTree(in.readNBytes(4096));
      return Optional.of(OnMiss.parse(node.path("onMiss").asText()));
    } catch (IOException | IllegalArgumentException e) {
      throw new StorageException("unreadable pull settings " + key + ": " + e.getMessage(), e);
    }
  }
}
