package dev.meridian.core.hostile;

import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.InMemoryUploadSessionStore;
import dev.meridian.core.oci.Descriptor;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.storage.UploadSession;
import dev.meridian.core.storage.UploadSessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Pattern;

/**
 * The in-memory ports behind recording guards, for hostile-input tests.
 *
 * <p>Every call is checked against what the real backends accept, so a test over fakes fails
 * where S3 or DynamoDB would: object keys must stay inside {@link StorageLayout}'s tree (known
 * prefix, {@code [A-Za-z0-9._/-]} only, no {@code .}/{@code ..} or empty segment, ≤ 1024 UTF-8
 * bytes as S3 keys), object user metadata must be printable ASCII within S3's 2 KB, DynamoDB key
 * values fit its 1024-byte sort key, and an index item fits DynamoDB's 400 KB. A violation is
 * recorded and thrown as an {@link AssertionError}, which the HTTP edge does not catch.
 *
 * <p>Mutating calls are logged ({@link #mutations()}), and {@link #snapshot()} captures the
 * stored state through the ports (objects with content hashes, open multipart uploads, index
 * records and sessions), over a universe of repositories, digests, tags and session ids learned
 * from every write that went through the guards (so an unexpected write shows in the snapshot). The guards are dynamic proxies, so they keep
 * working when a port gains a method.
 */
final class GuardedPorts {

  /** S3's user-metadata budget (keys and values, "x-amz-meta-" not counted) is 2 KB. */
  static final int S3_METADATA_BYTES = 2048;
  /** S3 object keys are at most 1024 UTF-8 bytes. */
  static final int S3_KEY_BYTES = 1024;
  /** DynamoDB sort keys are at most 1024 bytes, partition keys 2048. */
  static final int DYNAMO_SORT_KEY_BYTES = 1024;
  /** DynamoDB items are at most 400 KB (names and values). */
  static final int DYNAMO_ITEM_BYTES = 400 * 1024;

  private static final Pattern KEY_CHARS = Pattern.compile("[A-Za-z0-9._/-]+");
  private static final List<String> KEY_PREFIXES = List.of(StorageLayout.BLOBS_PREFIX,
      StorageLayout.REPOSITORIES_PREFIX, StorageLayout.UPLOADS_PREFIX, StorageLayout.ACKS_PREFIX,
      StorageLayout.FAILURES_PREFIX, "_builds/");
  private static final Set<String> OBJECT_WRITES = Set.of("put", "putIfAbsent", "copy",
      "copyFrom", "delete", "startMultipart", "uploadPart", "completeMultipart", "abortMultipart");
  private static final Set<String> INDEX_WRITES = Set.of("putBlob", "linkBlob", "unlinkBlob",
      "putManifest", "deleteManifest", "putTag", "putReferrer", "deleteReferrer");
  private static final Set<String> SESSION_WRITES = Set.of("create", "update", "delete");

  final InMemoryObjectStore memory = new InMemoryObjectStore();
  final InMemoryMetadataIndex memoryIndex = new InMemoryMetadataIndex();
  final InMemoryUploadSessionStore memorySessions;

  final ObjectStore objects;
  final MetadataIndex index;
  final UploadSessionStore sessions;

  private final List<String> mutations = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final Set<RepositoryName> repositories = new ConcurrentSkipListSet<>();
  private final Set<Digest> digests = new ConcurrentSkipListSet<>();
  private final Set<String> tags = new ConcurrentSkipListSet<>(); // repo:tag
  private final Set<RepoDigest> pairs = new ConcurrentSkipListSet<>();
  private final Map<String, String> described = new java.util.concurrent.ConcurrentHashMap<>();
  private final Set<String> sessionIds = new ConcurrentSkipListSet<>();

  GuardedPorts(java.time.Clock clock) {
    memorySessions = new InMemoryUploadSessionStore(clock);
    objects = guard(ObjectStore.class, memory, this::checkObjectCall, OBJECT_WRITES);
    index = guard(MetadataIndex.class, memoryIndex, this::checkIndexCall, null);
    sessions = guard(UploadSessionStore.class, memorySessions, this::checkSessionCall,
        SESSION_WRITES);
  }

  /** Every mutating call since the last {@link #clearLog()}, as {@code Port.method}. */
  synchronized List<String> mutations() {
    return List.copyOf(mutations);
  }

  /** Every rule broken since the last {@link #clearLog()}. */
  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  synchronized void clearLog() {
    mutations.clear();
    violations.clear();
  }

  /** The stored state, comparable with {@code equals}; read through the unguarded fakes. */
  Snapshot snapshot() {
    TreeMap<String, String> state = new TreeMap<>();
    for (String key : memory.list("", null, Integer.MAX_VALUE)) {
      // Objects outside _uploads/ are immutable: describe each (key, ETag) once.
      memory.head(key).ifPresent(info -> state.put("object " + key,
          described.computeIfAbsent(key + " " + info.eTag(),
              k -> memory.get(key).map(GuardedPorts::describe).orElse("gone"))));
    }
    state.put("open multipart uploads", Integer.toString(memory.openMultipartUploads()));
    for (String id : sessionIds) {
      // Revision and expiry are bookkeeping: a PUT claims its session (revision + 1, idle TTL
      // restarts) before it reads the body, and keeps the claim when the body is refused.
      memorySessions.get(id).ifPresent(s -> state.put("session " + id, List.of(s.repository(),
          Objects.toString(s.multipartUploadId()), s.parts(), s.tailSize(), s.size(),
          Objects.toString(s.hashedDigest())).toString()));
    }
    state.put("catalog",
        memoryIndex.listRepositories(null, Integer.MAX_VALUE - 1).items().toString());
    for (Digest d : digests) {
      memoryIndex.getBlob(d).ifPresent(b -> state.put("blob " + d, b.toString()));
    }
    for (RepositoryName repo : repositories) {
      List<String> live = memoryIndex.listTags(repo, null, Integer.MAX_VALUE - 1).items();
      if (!live.isEmpty()) {
        state.put("tags " + repo, live.toString());
      }
    }
    for (String repoTag : tags) {
      int colon = repoTag.indexOf(':');
      memoryIndex.getTag(RepositoryName.parse(repoTag.substring(0, colon)),
          repoTag.substring(colon + 1)).ifPresent(t -> state.put("tag " + repoTag, t.toString()));
    }
    for (RepoDigest p : pairs) {
      String at = p.repo() + "@" + p.digest();
      memoryIndex.linkedBlobSize(p.repo(), p.digest())
          .ifPresent(s -> state.put("link " + at, s.toString()));
      memoryIndex.getManifest(p.repo(), p.digest())
          .ifPresent(m -> state.put("manifest " + at, m.toString()));
      List<Descriptor> refs = memoryIndex.listReferrers(p.repo(), p.digest());
      if (!refs.isEmpty()) {
        state.put("referrers " + at, refs.toString());
      }
    }
    return new Snapshot(state);
  }

  /** Stored state: a sorted map from a description of each item to its value. */
  record Snapshot(TreeMap<String, String> state) {
    /** The entries that differ, for failure messages. */
    String diff(Snapshot after) {
      StringBuilder out = new StringBuilder();
      TreeMap<String, String> all = new TreeMap<>(state);
      all.putAll(after.state);
      all.keySet().forEach(k -> {
        String a = state.get(k);
        String b = after.state.get(k);
        if (!Objects.equals(a, b)) {
          out.append("\n  ").append(k).append(": ").append(abbreviate(a)).append(" -> ")
              .append(abbreviate(b));
        }
      });
      return out.toString();
    }

    /** This state without one upload session and its staging objects. */
    Snapshot withoutSession(String id) {
      TreeMap<String, String> rest = new TreeMap<>(state);
      rest.keySet().removeIf(k -> k.equals("session " + id)
          || k.startsWith("object " + StorageLayout.UPLOADS_PREFIX + id + "/"));
      return new Snapshot(rest);
    }
  }

  // --- the rules ---

  private void checkObjectCall(String method, Object[] args) {
    switch (method) {
      case "copy" -> {
        objectKey(method, args[0]);
        objectKey(method, args[1]);
      }
      case "copyFrom" -> objectKey(method, args[1]);
      case "list" -> {
        keyText(method, (String) args[0], true);
        if (args[1] != null) {
          objectKey(method, args[1]);
        }
      }
      case "bucket" -> { }
      default -> {
        if (args != null && args.length > 0 && args[0] instanceof String key) {
          objectKey(method, key);
        }
      }
    }
    if (args != null && args.length == 4 && method.equals("putIfAbsent")
        && args[3] instanceof Map<?, ?> metadata) {
      metadata(method, metadata);
    }
  }

  private void checkIndexCall(String method, Object[] args) {
    switch (method) {
      case "getTag" -> require(Tag.isValid((String) args[1]),
          "MetadataIndex.getTag: not a valid tag: " + abbreviate((String) args[1]));
      case "listTags" -> sortKey(method, args[1] == null ? null : "tag#" + args[1]);
      case "listRepositories" -> sortKey(method, (String) args[0]);
      case "putManifest" -> itemSize(method, manifestItemBytes((RepositoryName) args[0],
          (ManifestRecord) args[1]));
      case "putReferrer" -> itemSize(method, 200 + descriptorBytes((Descriptor) args[2]));
      default -> { }
    }
    if (INDEX_WRITES.contains(method) || method.startsWith("put")
        || method.startsWith("delete")) {
      log("MetadataIndex." + method);
      learn(args);
    }
  }

  private void checkSessionCall(String method, Object[] args) {
    if (args != null && args.length > 0 && args[0] instanceof UploadSession s) {
      sessionIds.add(s.id());
      repositories.add(s.repository());
    }
  }

  private void objectKey(String method, Object key) {
    keyText(method, (String) key, false);
  }

  private void keyText(String method, String key, boolean prefix) {
    String where = "ObjectStore." + method + "(" + abbreviate(key) + ")";
    if (key == null || (key.isEmpty() && prefix)) {
      require(key != null, where + ": null key");
      return;
    }
    require(utf8(key) <= S3_KEY_BYTES, where + ": key longer than 1024 bytes");
    require(KEY_CHARS.matcher(key).matches(), where + ": character outside [A-Za-z0-9._/-]");
    require(KEY_PREFIXES.stream().anyMatch(key::startsWith), where + ": outside the layout");
    String[] segments = key.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      boolean lastOfPrefix = prefix && i == segments.length - 1;
      require(!segments[i].equals("..") && !segments[i].equals(".")
          && (lastOfPrefix || !segments[i].isEmpty()), where + ": empty, . or .. segment");
    }
  }

  private void metadata(String method, Map<?, ?> metadata) {
    int bytes = 0;
    for (Map.Entry<?, ?> e : metadata.entrySet()) {
      String k = (String) e.getKey();
      String v = (String) e.getValue();
      require(k.matches("[a-z0-9-]+") && v.matches("[\\x20-\\x7e]*"),
          "ObjectStore." + method + ": user metadata not printable ASCII: " + abbreviate(k + "=" + v));
      bytes += k.length() + v.length();
    }
    require(bytes <= S3_METADATA_BYTES, "ObjectStore." + method + ": user metadata of " + bytes
        + " bytes exceeds S3's 2 KB");
  }

  private void sortKey(String method, String value) {
    require(value == null || utf8(value) <= DYNAMO_SORT_KEY_BYTES, "MetadataIndex." + method
        + ": sort key of " + (value == null ? 0 : utf8(value)) + " bytes exceeds 1024");
  }

  private void itemSize(String method, long bytes) {
    require(bytes <= DYNAMO_ITEM_BYTES,
        "MetadataIndex." + method + ": item of ~" + bytes + " bytes exceeds DynamoDB's 400 KB");
  }

  /** An upper estimate of {@code DynamoDbItems.manifest}'s size: names, values, list overhead. */
  static long manifestItemBytes(RepositoryName repo, ManifestRecord m) {
    long bytes = 300 + 2L * utf8(repo.value()) + utf8(m.mediaType())
        + (m.artifactType() == null ? 0 : utf8(m.artifactType()));
    bytes += annotationBytes(m.annotations());
    for (Digest d : m.blobs()) {
      bytes += d.toString().length() + 3;
    }
    for (Digest d : m.manifests()) {
      bytes += d.toString().length() + 3;
    }
    return bytes;
  }

  private static long descriptorBytes(Descriptor d) {
    return utf8(d.mediaType()) + d.digest().toString().length()
        + (d.artifactType() == null ? 0 : utf8(d.artifactType())) + annotationBytes(d.annotations());
  }

  private static long annotationBytes(Map<String, String> annotations) {
    long bytes = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      bytes += utf8(e.getKey()) + utf8(e.getValue()) + 3;
    }
    return bytes;
  }

  private synchronized void require(boolean ok, String violation) {
    if (!ok) {
      violations.add(violation);
      throw new AssertionError(violation);
    }
  }

  private synchronized void log(String mutation) {
    mutations.add(mutation);
  }

  /** Learns what a write names (repository, digest, tag), so snapshots cover what it made. */
  private void learn(Object[] args) {
    RepositoryName repo = args.length > 0 && args[0] instanceof RepositoryName r ? r : null;
    if (repo != null) {
      repositories.add(repo);
    }
    for (Object value : args) {
      Digest d = value instanceof Digest x ? x
          : value instanceof BlobRecord b ? b.digest()
          : value instanceof ManifestRecord m ? m.digest()
          : value instanceof Descriptor x ? x.digest()
          : null;
      if (d != null) {
        digests.add(d);
        if (repo != null) {
          pairs.add(new RepoDigest(repo, d));
        }
      }
      if (value instanceof TagRecord t && repo != null) {
        tags.add(repo + ":" + t.tag());
      }
    }
  }

  private record RepoDigest(RepositoryName repo, Digest digest) implements Comparable<RepoDigest> {
    @Override
    public int compareTo(RepoDigest o) {
      int c = repo.compareTo(o.repo);
      return c != 0 ? c : digest.compareTo(o.digest);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T guard(Class<T> port, T target, Rule rule, Set<String> writes) {
    String portName = port.getSimpleName();
    InvocationHandler handler = (proxy, method, args) -> {
      rule.check(method.getName(), args);
      if (writes != null && writes.contains(method.getName())) {
        log(portName + "." + method.getName());
      }
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler);
  }

  @FunctionalInterface
  private interface Rule {
    void check(String method, Object[] args);
  }

  private static String describe(ObjectContent content) {
    try (content) {
      ObjectInfo info = content.info();
      return sha256(content.stream().readAllBytes()) + " " + info.contentType() + " "
          + new TreeMap<>(info.metadata());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    String printable = s.codePoints().limit(100)
        .mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : Character.toString(c))
        .reduce("", String::concat);
    return s.length() > 100 ? printable + "…(" + s.length() + " chars)" : printable;
  }
}
