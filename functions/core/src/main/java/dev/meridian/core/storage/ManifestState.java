package dev.meridian.core.storage;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.version.Version;
import java.util.List;

/**
 * Whether a manifest is in a repository, as a bucket's records say: the newest (highest {@link
 * Version}) of its put records ({@link StorageLayout#manifestPut}) and tombstones ({@link
 * StorageLayout#manifestTombstone}) decides — a push after a delete wins, a delete after a push
 * wins, in every region and whatever order the records arrived in (docs/replication.md, "Delete
 * and re-push"). A manifest object with no record at all (written before put records existed)
 * counts as pushed at the lowest version: it is in the repository until any tombstone exists.
 *
 * @param newestPut the highest put record's key, or null
 * @param newestDelete the highest tombstone's key, or null
 */
public record ManifestState(ObjectKind.ManifestPut newestPut,
    ObjectKind.ManifestTombstone newestDelete) {
  private static final int PAGE = 1000;

  /** Reads the records of {@code digest} in {@code repository} from {@code objects}. */
  public static ManifestState read(ObjectStore objects, RepositoryName repository,
      Digest digest) {
    return new ManifestState(newestPut(objects, repository, digest),
        newestDelete(objects, repository, digest));
  }

  /** The highest put record of {@code digest} in {@code repository}, or null (one listing). */
  public static ObjectKind.ManifestPut newestPut(ObjectStore objects, RepositoryName repository,
      Digest digest) {
    return (ObjectKind.ManifestPut) newest(objects,
        StorageLayout.manifestPutPrefix(repository, digest));
  }

  /** The highest tombstone of {@code digest} in {@code repository}, or null (one listing). */
  public static ObjectKind.ManifestTombstone newestDelete(ObjectStore objects,
      RepositoryName repository, Digest digest) {
    return (ObjectKind.ManifestTombstone) newest(objects,
        StorageLayout.manifestTombstonePrefix(repository, digest));
  }

  /** Whether the manifest is in the repository (given that its object is in the bucket). */
  public boolean live() {
    return newestDelete == null
        || newestPut != null && newestPut.version().isNewerThan(newestDelete.version());
  }

  /**
   * The last key under {@code prefix} that parses as a record: keys end in a fixed-width version,
   * so lexical order is version order. Records of one digest are few (one per push or delete).
   */
  private static ObjectKind newest(ObjectStore objects, String prefix) {
    ObjectKind newest = null;
    String after = null;
    while (true) {
      List<String> page = objects.list(prefix, after, PAGE);
      for (String key : page) {
        ObjectKind kind = StorageKeys.parse(key);
        if (kind instanceof ObjectKind.ManifestPut || kind instanceof ObjectKind.ManifestTombstone) {
          newest = kind;
        }
      }
      if (page.size() < PAGE) {
        return newest;
      }
      after = page.get(page.size() - 1);
    }
  }
}
