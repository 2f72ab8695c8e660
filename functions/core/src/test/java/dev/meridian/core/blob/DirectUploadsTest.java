package dev.meridian.core.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.storage.DirectUpload;
import dev.meridian.core.storage.ObjectStore;
import org.junit.jupiter.api.Test;

class DirectUploadsTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void partSize_keepsEveryBlobWithinS3sPartLimits() {
    for (long length : new long[] {1, 8 * MIB, 78L * 1024 * MIB + 1, 1L << 40,
        DirectUploads.MAX_LENGTH}) {
      DirectUpload plan = DirectUpload.uploading(length, DirectUploads.partSize(length, 8 * MIB));

      assertThat(plan.partCount()).as("parts of %d", length).isBetween(1, 10_000);
      assertThat(plan.partSize()).isBetween(ObjectStore.MIN_PART_SIZE, 5L << 30);
      assertThat(plan.partSize() % MIB).isZero();
      assertThat(plan.partOffset(plan.partCount()) + plan.partLength(plan.partCount()))
          .isEqualTo(length);
    }
  }

  @Test
  void partSize_whenTheConfiguredSizeFits_isTheConfiguredSize() {
    assertThat(DirectUploads.partSize(40 * MIB, 8 * MIB)).isEqualTo(8 * MIB);
    assertThat(DirectUploads.partSize(100_000 * MIB, 8 * MIB)).isEqualTo(10 * MIB);
  }
}
