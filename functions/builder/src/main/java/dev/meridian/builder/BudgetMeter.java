package dev.meridian.builder;

/**
 * One build's consumption against its {@link BuildBudget}, counted as tar entries are read
 * ({@link TarReader} calls {@link #entry} with each header before any of its content is read).
 * Exceeding a budget, or the build thread being interrupted (the runner's timeout or shutdown),
 * throws a {@link BuildFailure} that names the budget and its setting: the user's build is at
 * fault, so the run ends {@code Failed} and nothing outside it is touched.
 */
final class BudgetMeter {
  private final BuildBudget budget;
  private long entries;
  private long bytes;

  BudgetMeter(BuildBudget budget) {
    this.budget = budget;
  }

  /** For probes that read one header to tell a tar from other content: counts nothing. */
  static BudgetMeter unlimited() {
    return new BudgetMeter(new BuildBudget(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
        Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));
  }

  BuildBudget budget() {
    return budget;
  }

  /**
   * One entry of {@code source} (e.g. "the context"): {@code rawPath} as the archive wrote it,
   * {@code path} cleaned, {@code link} its link target ("" if none), {@code size} its content.
   */
  void entry(String source, String rawPath, String path, String link, long size) {
    checkStopped();
    if (++entries > budget.maxEntries()) {
      throw exceeded("the build exceeds the budget of " + budget.maxEntries() + " entries ("
          + BuildBudget.MAX_ENTRIES + ") while reading " + source);
    }
    if (rawPath.length() > budget.maxPathLength() || link.length() > budget.maxPathLength()) {
      throw exceeded("a path in " + source + " is longer than the budget of "
          + budget.maxPathLength() + " bytes (" + BuildBudget.MAX_PATH_LENGTH + ")");
    }
    int depth = path.isEmpty() ? 0 : path.split("/", -1).length;
    if (depth > budget.maxPathDepth()) {
      throw exceeded("'" + abbreviate(path) + "' in " + source + " is " + depth
          + " levels deep, over the budget of " + budget.maxPathDepth() + " ("
          + BuildBudget.MAX_PATH_DEPTH + ")");
    }
    if (size > budget.maxFileBytes()) {
      throw exceeded("'" + abbreviate(path) + "' in " + source + " is " + size
          + " bytes, over the budget of " + budget.maxFileBytes() + " bytes per file ("
          + BuildBudget.MAX_FILE_BYTES + ")");
    }
    unpacked(source, size);
  }

  /** Bytes unpacked from {@code source} outside an entry's content (tar extension headers). */
  void unpacked(String source, long size) {
    bytes += size;
    if (bytes > budget.maxUnpackedBytes() || bytes < 0) {
      throw exceeded("the build exceeds the budget of " + budget.maxUnpackedBytes()
          + " unpacked bytes (" + BuildBudget.MAX_UNPACKED_BYTES + ") while reading " + source);
    }
  }

  /** The image is about to have {@code count} layers. */
  void layers(int count) {
    if (count > budget.maxLayers()) {
      throw exceeded("the image would have " + count + " layers, over the budget of "
          + budget.maxLayers() + " (" + BuildBudget.MAX_LAYERS + ")");
    }
  }

  /** Stops a build whose thread was interrupted: the run timed out or the runner is stopping. */
  void checkStopped() {
    if (Thread.currentThread().isInterrupted()) {
      throw exceeded("the build was stopped: it ran past its time limit "
          + "(the run's timeoutSeconds, at most meridian.builds.max-run-timeout) or was canceled");
    }
  }

  private static BuildFailure exceeded(String message) {
    return BuildFailure.at(0, "", message);
  }

  private static String abbreviate(String path) {
    return path.length() <= 120 ? path : path.substring(0, 100) + "…" + path.substring(
        path.length() - 19);
  }
}
