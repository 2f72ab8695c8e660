package dev.meridian.core.admin;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.storage.BucketListing;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageKeys;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Listings of one region's bucket that replication's bookkeeping is read from ({@link
 * ReplicationLag}, {@link ReplicationBacklog}): every key under a prefix, and the {@code
 * _acks/<change-key>/<peer-seed>} (or {@code _failures/…}) markers as {@code
 * <change-key>|<peer-seed>}.
 */
final class ChangeMarkers {
  private ChangeMarkers() {}

  /** {@code <change-key>|<peer-seed>} of every ack (or failure) marker under {@code prefix}. */
  static Set<String> markers(ObjectStore objects, String prefix) {
    Set<String> markers = new HashSet<>();
    for (String key : all(objects, prefix)) {
      ObjectKind kind = StorageKeys.parse(key);
      if (kind instanceof ObjectKind.Ack a) {
        markers.add(marker(a.changeKey(), a.peerSeed()));
      } else if (kind instanceof ObjectKind.Failure f) {
        markers.add(marker(f.changeKey(), f.peerSeed()));
      }
    }
    return markers;
  }

  static String marker(String changeKey, Seed seed) {
    return changeKey + "|" + seed;
  }

  /** Every key under {@code prefix}. */
  static List<String> all(ObjectStore objects, String prefix) {
    return BucketListing.keys(objects, prefix);
  }
}
