package dev.meridian.core.storage;

import java.util.ArrayList;
import java.util.List;

/** Every key under a prefix of a bucket, page by page (S3's listing returns at most 1,000). */
public final class BucketListing {
  private static final int PAGE = 1000;

  private BucketListing() {}

  public static List<String> keys(ObjectStore objects, String prefix) {
    List<String> keys = new ArrayList<>();
    String after = null;
    while (true) {
      List<String> page = objects.list(prefix, after, PAGE);
      keys.addAll(page);
      if (page.size() < PAGE) {
        return keys;
      }
      after = page.get(page.size() - 1);
    }
  }
}
