package dev.meridian.core.lifecycle.quota;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.BlobLink;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.Page;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Storage used in one region, from its index: a repository uses the sizes of the blobs it links,
 * each blob once (Harbor and ECR count the same way; shared layers count in every repository that
 * holds them); the region's total is the sum over repositories.
 */
public final class UsageMeter {
  private static final int PAGE = 1000;

  private final MetadataIndex index;

  public UsageMeter(MetadataIndex index) {
    this.index = index;
  }

  /** Bytes and blob count of one repository. */
  public record Usage(long bytes, int blobs) {}

  public Usage repository(RepositoryName repository) {
    long bytes = 0;
    int blobs = 0;
    Digest after = null;
    while (true) {
      Page<BlobLink> page = index.listBlobLinks(repository, after, PAGE);
      for (BlobLink link : page.items()) {
        bytes += link.size();
        blobs++;
      }
      if (!page.truncated() || page.items().isEmpty()) {
        return new Usage(bytes, blobs);
      }
      after = page.items().get(page.items().size() - 1).digest();
    }
  }

  /** Every repository of the catalog, in name order. */
  public Map<String, Usage> repositories() {
    Map<String, Usage> all = new LinkedHashMap<>();
    String last = null;
    while (true) {
      Page<String> page = index.listRepositories(last, PAGE);
      for (String name : page.items()) {
        all.put(name, repository(RepositoryName.parse(name)));
      }
      if (!page.truncated() || page.items().isEmpty()) {
        return all;
      }
      last = page.items().get(page.items().size() - 1);
    }
  }

  public static long total(Map<String, Usage> repositories) {
    return repositories.values().stream().mapToLong(Usage::bytes).sum();
  }
}
