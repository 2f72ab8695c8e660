package dev.meridian.local.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link ObjectFiles#inside}: a key's file in its bucket, and nothing outside the buckets. */
class ObjectFilesTest {

  private final Path root = Path.of("/data/s3");

  @Test
  void inside_resolvesAKeyUnderItsBucket() {
    assertThat(ObjectFiles.inside(root, "meridian-eastus", "blobs/sha256/ab"))
        .isEqualTo(Path.of("/data/s3/meridian-eastus/blobs/sha256/ab"));
  }

  @Test
  void inside_refusesNamesThatLeaveTheBucketOrTheRoot() {
    assertThat(ObjectFiles.inside(root, "b", "../other/k")).isNull();
    assertThat(ObjectFiles.inside(root, "b", "a/../../k")).isNull();
    assertThat(ObjectFiles.inside(root, "..", "s3/b/k")).isNull();
    assertThat(ObjectFiles.inside(root, "b/c", "k")).isNull();
    assertThat(ObjectFiles.inside(root, "b", ".")).isNull();
  }
}
