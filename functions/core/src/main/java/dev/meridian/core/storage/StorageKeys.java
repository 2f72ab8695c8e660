package dev.meridian.core.storage;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import dev.meridian.core.version.Version;

/**
 * Reads a bucket key back into its {@link ObjectKind}: the inverse of {@link StorageLayout}, which
 * stays the only place keys are made. A repository name component starts with a letter or digit,
 * so the {@code /_manifests/}, {@code /_tags/}, {@code /_deleted/} and {@code /_pushed/} markers
 * cannot occur inside a name. Anything that does not parse exactly (bad digest, tag or version) is {@link
 * ObjectKind.Unknown}: replication must not act on keys it did not write.
 */
public final class StorageKeys {
  private StorageKeys() {}

  public static ObjectKind parse(String key) {
    try {
      ObjectKind kind = parseOrNull(key);
      return kind == null ? new ObjectKind.Unknown(key) : kind;
    } catch (RuntimeException e) { // a malformed digest, name or version
      return new ObjectKind.Unknown(key);
    }
  }

  private static ObjectKind parseOrNull(String key) {
    if (key.startsWith(StorageLayout.BLOBS_PREFIX)) {
      String rest = key.substring(StorageLayout.BLOBS_PREFIX.length());
      Digest digest = Digest.parse(rest.replaceFirst("/", ":"));
      return StorageLayout.blob(digest).equals(key) ? new ObjectKind.Blob(key, digest) : null;
    }
    if (key.startsWith(StorageLayout.UPLOADS_PREFIX)) {
      return new ObjectKind.Upload(key);
    }
    if (key.startsWith(StorageLayout.ACKS_PREFIX) || key.startsWith(StorageLayout.FAILURES_PREFIX)) {
      return marker(key);
    }
    if (key.startsWith(StorageLayout.REPOSITORIES_PREFIX)) {
      return repositoryObject(key);
    }
    return null;
  }

  private static ObjectKind marker(String key) {
    boolean ack = key.startsWith(StorageLayout.ACKS_PREFIX);
    String rest = key.substring(ack ? StorageLayout.ACKS_PREFIX.length()
        : StorageLayout.FAILURES_PREFIX.length());
    int slash = rest.lastIndexOf('/');
    if (slash <= 0 || !(parse(rest.substring(0, slash)) instanceof ObjectKind.Change)) {
      return null;
    }
    String changeKey = rest.substring(0, slash);
    String peer = rest.substring(slash + 1);
    if (!Seed.isValid(peer)) {
      return null;
    }
    Seed seed = new Seed(peer);
    return ack ? new ObjectKind.Ack(key, changeKey, seed)
        : new ObjectKind.Failure(key, changeKey, seed);
  }

  private static ObjectKind repositoryObject(String key) {
    String rest = key.substring(StorageLayout.REPOSITORIES_PREFIX.length());
    int at;
    if ((at = rest.indexOf(StorageLayout.MANIFESTS_SEGMENT)) > 0) {
      RepositoryName name = RepositoryName.parse(rest.substring(0, at));
      String[] parts = rest.substring(at + StorageLayout.MANIFESTS_SEGMENT.length()).split("/");
      if (parts.length != 2) {
        return null;
      }
      Digest digest = Digest.parse(parts[0] + ":" + parts[1]);
      return new ObjectKind.Manifest(key, name, digest);
    }
    if ((at = rest.indexOf(StorageLayout.TAGS_SEGMENT)) > 0) {
      RepositoryName name = RepositoryName.parse(rest.substring(0, at));
      String[] parts = rest.substring(at + StorageLayout.TAGS_SEGMENT.length()).split("/");
      if (parts.length != 2 || !Tag.isValid(parts[0])) {
        return null;
      }
      return new ObjectKind.TagRecordKey(key, name, parts[0], Version.parse(parts[1]));
    }
    boolean deleted = (at = rest.indexOf(StorageLayout.DELETED_SEGMENT)) > 0;
    if (deleted || (at = rest.indexOf(StorageLayout.PUSHED_SEGMENT)) > 0) {
      RepositoryName name = RepositoryName.parse(rest.substring(0, at));
      String segment = deleted ? StorageLayout.DELETED_SEGMENT : StorageLayout.PUSHED_SEGMENT;
      String[] parts = rest.substring(at + segment.length()).split("/");
      if (parts.length != 3) {
        return null;
      }
      Digest digest = Digest.parse(parts[0] + ":" + parts[1]);
      Version version = Version.parse(parts[2]);
      return deleted ? new ObjectKind.ManifestTombstone(key, name, digest, version)
          : new ObjectKind.ManifestPut(key, name, digest, version);
    }
    return null;
  }
}
