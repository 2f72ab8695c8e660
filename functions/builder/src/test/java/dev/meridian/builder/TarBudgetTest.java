package dev.meridian.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.builds.HostileTars;
import dev.meridian.core.oci.ImageName;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The budgeted tar reader: every budget is checked as each header is read, so a
 * hostile context stops after a bounded amount of reading, with a message naming the budget and
 * its setting; and a build over budget ends as the user's failure with nothing left behind.
 */
class TarBudgetTest {
  private static final BuildBudget SMALL = new BuildBudget(100, 2L << 20, 1L << 20, 16, 256, 3);

  @Test
  void next_whenMoreEntriesThanTheBudget_stopsAtTheFirstOneOver() throws IOException {
    Counted read = new Counted(HostileTars.manyEmptyFiles(10_000));

    assertThatThrownBy(() -> readAll(read, SMALL)).isInstanceOf(BuildFailure.class)
        .hasMessage("the build exceeds the budget of 100 entries (meridian.builds.max-entries)"
            + " while reading the context");
    assertThat(read.bytes).as("decompressed bytes read").isLessThan(200 * 512);
  }

  @Test
  void next_whenAFileIsOverTheBudgetPerFile_stopsAtItsHeader_aGzipBombIsNeverInflated()
      throws IOException {
    byte[] bomb = HostileTars.zeros("zeros.bin", 64L << 20); // 64 MiB of zeros
    assertThat(bomb.length).isLessThan(256 << 10);
    Counted read = new Counted(bomb);

    assertThatThrownBy(() -> readAll(read, SMALL)).isInstanceOf(BuildFailure.class)
        .hasMessage("'zeros.bin' in the context is 67108864 bytes, over the budget of 1048576"
            + " bytes per file (meridian.builds.max-file-bytes)");
    assertThat(read.bytes).as("decompressed bytes read").isLessThan(4 * 512);
  }

  @Test
  void next_whenFilesTogetherUnpackToMoreThanTheBudget_stopsAtTheFileThatCrossesIt()
      throws IOException {
    TestTars tars = new TestTars();
    for (int i = 0; i < 3; i++) {
      tars.file("part" + i, new byte[1 << 20], 0644, 0, 0); // 1 MiB each, 2 MiB allowed
    }

    assertThatThrownBy(() -> readAll(new Counted(tars.tarGz()), SMALL))
        .isInstanceOf(BuildFailure.class).hasMessage("the build exceeds the budget of 2097152"
            + " unpacked bytes (meridian.builds.max-unpacked-bytes) while reading the context");
  }

  @Test
  void next_whenAPathIsDeeperThanTheBudget_fails() {
    assertThatThrownBy(() -> readAll(new Counted(HostileTars.deepPath(17)), SMALL))
        .isInstanceOf(BuildFailure.class)
        .hasMessageContaining("is 18 levels deep, over the budget of 16")
        .hasMessageEndingWith("(meridian.builds.max-path-depth)");
  }

  @Test
  void next_whenAPathIsLongerThanTheBudget_fails() {
    assertThatThrownBy(() -> readAll(new Counted(HostileTars.longNamed("x".repeat(300))), SMALL))
        .isInstanceOf(BuildFailure.class).hasMessage("a path in the context is longer than the"
            + " budget of 256 bytes (meridian.builds.max-path-length)");
  }

  @Test
  void next_whenExtensionHeadersNeverReachAnEntry_failsAsMalformed() {
    assertThatThrownBy(() -> readAll(new Counted(HostileTars.extensionHeaders(1000)), SMALL))
        .isInstanceOf(IOException.class).hasMessageContaining("extension headers");
  }

  @Test
  void next_whenAPaxRecordIsMalformed_failsAsAMalformedArchive_notAsACrash() {
    for (String record : List.of("99999999999999999999 size=1\n", "29 size=99999999999999999999\n",
        "2 x\n")) {
      assertThatThrownBy(() -> readAll(new Counted(HostileTars.paxRecord(record)), SMALL))
          .as(record).isInstanceOf(IOException.class);
    }
  }

  @Test
  void next_whenTheBuildThreadIsInterrupted_stops() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> readAll(new Counted(HostileTars.manyEmptyFiles(10)),
          BuildBudget.DEFAULT)).isInstanceOf(BuildFailure.class)
          .hasMessageContaining("the build was stopped");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void next_whenWithinEveryBudget_readsEverything() throws IOException {
    assertThat(readAll(new Counted(HostileTars.manyEmptyFiles(98)), SMALL)).isEqualTo(99);
  }

  @Test
  void build_whenTheContextIsOverBudget_failsAsTheUsersFault_andLeavesNoTempFiles()
      throws IOException {
    BuilderRegistry registry = new BuilderRegistry();
    List<Path> before = workspaces();
    StringBuilder log = new StringBuilder();

    BuildResult result = ImageBuilder.create(SMALL).build(BuildInput.of(
        () -> new ByteArrayInputStream(HostileTars.manyEmptyFiles(1000)), "Dockerfile",
        Map.of(), null, List.of(ImageName.parse("hostile/ctx:v1")), registry.source,
        new RegistryImageSink(registry.api, "eastus.test", "meridian-builder"),
        line -> log.append(line).append('\n')));

    assertThat(result).isInstanceOf(BuildResult.Failed.class);
    BuildResult.Failed failed = (BuildResult.Failed) result;
    assertThat(failed.system()).isFalse();
    assertThat(failed.logLine()).isEqualTo("ERROR: the build exceeds the budget of 100 entries"
        + " (meridian.builds.max-entries) while reading the context");
    assertThat(log).contains(failed.logLine());
    assertThat(workspaces()).isEqualTo(before);
  }

  @Test
  void build_whenTheImageWouldHaveMoreLayersThanTheBudget_fails() {
    BuilderRegistry registry = new BuilderRegistry();
    TestTars context = new TestTars().file("Dockerfile",
        "FROM scratch\nCOPY a /a\nCOPY a /b\nCOPY a /c\nCOPY a /d\n").file("a", "a");

    BuildResult result = ImageBuilder.create(SMALL).build(BuildInput.of(context.context(),
        "Dockerfile", Map.of(), null, List.of(ImageName.parse("many/layers:v1")),
        registry.source, new RegistryImageSink(registry.api, "eastus.test", "meridian-builder"),
        line -> { }));

    assertThat(((BuildResult.Failed) result).logLine()).isEqualTo("ERROR: line 5: COPY: the image"
        + " would have 4 layers, over the budget of 3 (meridian.builds.max-layers)");
  }

  /** Reads every entry with {@code budget}; returns how many there were. */
  private static int readAll(Counted tarGz, BuildBudget budget) throws IOException {
    try (InputStream in = tarGz.open()) {
      TarReader reader = new TarReader(in, new BudgetMeter(budget), "the context");
      int n = 0;
      while (reader.next() != null) {
        n++;
      }
      return n;
    }
  }

  private static List<Path> workspaces() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("meridian-build-")).sorted()
          .toList();
    }
  }

  /** A tar.gz, opened decompressed, counting the decompressed bytes the reader took. */
  private static final class Counted {
    private final byte[] tarGz;
    long bytes;

    Counted(byte[] tarGz) {
      this.tarGz = tarGz;
    }

    InputStream open() throws IOException {
      InputStream gunzipped = TreeExtractor.maybeGunzip(new ByteArrayInputStream(tarGz));
      return new FilterInputStream(gunzipped) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          bytes += b < 0 ? 0 : 1;
          return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          bytes += Math.max(n, 0);
          return n;
        }

        @Override
        public long skip(long n) throws IOException {
          long s = super.skip(n);
          bytes += s;
          return s;
        }
      };
    }
  }
}
