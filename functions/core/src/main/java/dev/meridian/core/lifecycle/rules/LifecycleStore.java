package dev.meridian.core.lifecycle.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.storage.BucketListing;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.version.Version;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One region's lifecycle configuration (retention rules, locks, immutable-tag rules, the
 * soft-delete policy) in its bucket, as immutable versioned objects:
 *
 * <pre>
 * _lifecycle/&lt;kind&gt;/&lt;id&gt;/&lt;version&gt;      JSON of one item at that version; {"deleted":true}
 *                                         removes it. The newest version of an id wins.
 * </pre>
 *
 * Like accounts (docs/security.md "Accounts"), the configuration is written to every region
 * ({@link LifecycleConfig}) and read from this one; last-writer-wins by version makes replays and
 * crossing writes converge. {@code _lifecycle/} is not a change that replicate fans out
 * ({@code StorageKeys} reads it as unknown), and nothing under it is ever overwritten, so an
 * object's content is cached by key for the life of the process.
 */
public final class LifecycleStore {
  public static final String PREFIX = "_lifecycle/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_CACHED = 100_000;

  private final ObjectStore objects;
  private final Map<String, JsonNode> bodies = new ConcurrentHashMap<>();

  public LifecycleStore(ObjectStore objects) {
    this.objects = objects;
  }

  /** One item at its newest version. */
  public record Entry(String id, Version version, JsonNode body) {
    public boolean deleted() {
      return body.path("deleted").asBoolean(false);
    }
  }

  /** The newest version of every item of {@code kind}, removed ones left out; by id. */
  public Map<String, Entry> read(String kind) {
    return readAll().getOrDefault(kind, Map.of());
  }

  /**
   * {@link #read} for every kind at once, by kind then id: one listing of {@code _lifecycle/}
   * (the configuration is small), so a push's lock check costs one storage call.
   */
  public Map<String, Map<String, Entry>> readAll() {
    Map<String, String> newest = new LinkedHashMap<>();
    Map<String, Version> versions = new LinkedHashMap<>();
    for (String key : BucketListing.keys(objects, PREFIX)) {
      int slash = key.lastIndexOf('/');
      int kindEnd = key.indexOf('/', PREFIX.length());
      if (slash <= kindEnd || kindEnd < 0) {
        continue;
      }
      Version v;
      try {
        v = Version.parse(key.substring(slash + 1));
      } catch (IllegalArgumentException e) {
        continue; // not written by Meridian
      }
      String item = key.substring(PREFIX.length(), slash); // <kind>/<id>
      if (v.isNewerThan(versions.get(item))) {
        versions.put(item, v);
        newest.put(item, key);
      }
    }
    Map<String, Map<String, Entry>> entries = new LinkedHashMap<>();
    newest.forEach((item, key) -> {
      JsonNode body = body(key);
      if (body != null && !body.path("deleted").asBoolean(false)) {
        String kind = item.substring(0, item.indexOf('/'));
        String id = item.substring(kind.length() + 1);
        entries.computeIfAbsent(kind, k -> new LinkedHashMap<>())
            .put(id, new Entry(id, versions.get(item), body));
      }
    });
    return entries;
  }

  /** The newest version written for {@code id} (a removal included), or null. */
  public Version newestVersion(String kind, String id) {
    String prefix = PREFIX + kind + "/" + id + "/";
    Version newest = null;
    for (String key : BucketListing.keys(objects, prefix)) {
      try {
        Version v = Version.parse(key.substring(prefix.length()));
        newest = v.isNewerThan(newest) ? v : newest;
      } catch (IllegalArgumentException e) {
        // a deeper id that shares this prefix, or a foreign key
      }
    }
    return newest;
  }

  /** Writes one version of an item; false when that exact version is already there. */
  public boolean write(String kind, String id, Version version, JsonNode body) {
    try {
      return objects.putIfAbsent(key(kind, id, version), JSON.writeValueAsBytes(body),
          "application/json");
    } catch (IOException e) {
      throw new StorageException("cannot encode lifecycle item " + kind + "/" + id, e);
    }
  }

  static String key(String kind, String id, Version version) {
    return PREFIX + kind + "/" + id + "/" + version;
  }


  private JsonNode body(String key) {
    JsonNode cached = bodies.get(key);
    if (cached != null) {
      return cached;
    }
    var content = objects.get(key);
    if (content.isEmpty()) {
      return null;
    }
    try (ObjectContent c = content.get()) {
      JsonNode node = JSON.readTree(c.stream());
      if (bodies.size() >= MAX_CACHED) {
        bodies.clear();
      }
      bodies.put(key, node);
      return node;
    } catch (IOException e) {
      throw new StorageException("cannot read lifecycle item " + key, e);
    }
  }
}
