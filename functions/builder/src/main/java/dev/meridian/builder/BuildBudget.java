package dev.meridian.builder;

/**
 * What one build may consume (docs/builds.md "Budgets"): a context or layer is read as a stream
 * and these are checked while reading, entry by entry, so a hostile archive is stopped before it
 * fills the heap or the disk (a 13 MiB context of 1.5 M empty files, a 2 MiB
 * context of 2 GiB of zeros). Entries and unpacked bytes count every tar stream a build reads:
 * its context, {@code ADD}ed archives and base-image layers, each time it reads one. Each limit
 * is named by its setting ({@code meridian.builds.*}, env {@code MERIDIAN_BUILDS_*}) in the log
 * line of a build that exceeds it.
 *
 * @param maxEntries tar entries (files, directories, links) read in total
 * @param maxUnpackedBytes file bytes unpacked in total (extracted or skipped: both decompress)
 * @param maxFileBytes bytes of any one file
 * @param maxPathDepth path components of any one entry
 * @param maxPathLength bytes of any one entry's path or link target (Linux's PATH_MAX)
 * @param maxLayers layers of the image, base layers included
 */
public record BuildBudget(long maxEntries, long maxUnpackedBytes, long maxFileBytes,
    int maxPathDepth, int maxPathLength, int maxLayers) {

  public static final String MAX_ENTRIES = "meridian.builds.max-entries";
  public static final String MAX_UNPACKED_BYTES = "meridian.builds.max-unpacked-bytes";
  public static final String MAX_FILE_BYTES = "meridian.builds.max-file-bytes";
  public static final String MAX_PATH_DEPTH = "meridian.builds.max-path-depth";
  public static final String MAX_PATH_LENGTH = "meridian.builds.max-path-length";
  public static final String MAX_LAYERS = "meridian.builds.max-layers";

  /**
   * 200,000 entries keep a build's file trees to tens of MiB of heap; 4 GiB unpacked and 1 GiB
   * per file bound its temp files; 128 levels and 4,096 bytes are far past real trees (and keep
   * the tree's recursion shallow); 127 layers is overlayfs's practical limit, which Docker
   * enforces too.
   */
  public static final BuildBudget DEFAULT = new BuildBudget(200_000, 4L << 30, 1L << 30, 128,
      4096, 127);

  public BuildBudget {
    if (maxEntries < 1 || maxUnpackedBytes < 0 || maxFileBytes < 0 || maxPathDepth < 1
        || maxPathLength < 1 || maxLayers < 1) {
      throw new IllegalArgumentException("build budgets must be positive");
    }
  }
}
