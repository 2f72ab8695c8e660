package dev.meridian.builder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One build's scratch directory under {@code java.io.tmpdir}: context files, materialized stage
 * files and layer archives live here, never in memory; {@link #close()} deletes it all.
 */
final class Workspace implements AutoCloseable {
  private final Path root;
  private final BudgetMeter meter;
  private long counter;
  private Path empty;

  Workspace() throws IOException {
    this(BuildBudget.DEFAULT);
  }

  /** A workspace whose build reads archives within {@code budget}. */
  Workspace(BuildBudget budget) throws IOException {
    root = Files.createTempDirectory("meridian-build-");
    meter = new BudgetMeter(budget);
  }

  /** One empty file, shared by every empty file of the build (contents are never rewritten). */
  Path emptyFile() throws IOException {
    if (empty == null) {
      empty = Files.createFile(newFile(".empty"));
    }
    return empty;
  }

  /** What this build has consumed of its budget (every archive it reads counts). */
  BudgetMeter meter() {
    return meter;
  }

  Path newFile(String suffix) {
    return root.resolve((++counter) + suffix);
  }

  @Override
  public void close() {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete build workspace " + root, e);
    }
  }
}
