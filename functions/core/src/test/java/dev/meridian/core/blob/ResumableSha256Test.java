package dev.meridian.core.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ResumableSha256Test {

  @Test
  void digest_whenFedInPiecesAcrossResumes_equalsTheJdksSha256() {
    Random random = new Random(42);
    for (int size : new int[] {0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003}) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      ResumableSha256 hash = new ResumableSha256();
      int at = 0;
      while (at < size) {
        int n = Math.min(size - at, 1 + random.nextInt(300));
        hash.update(bytes, at, n);
        at += n;
        hash = ResumableSha256.resume(hash.state()); // as if the next request went on
      }

      assertThat(hash.count()).isEqualTo(size);
      assertThat(hash.digest()).as("size %d", size).isEqualTo(UploadTestSupport.sha256(bytes));
    }
  }

  @Test
  void resume_whenStateIsMalformed_throws() {
    String good = new ResumableSha256().state();

    assertThatThrownBy(() -> ResumableSha256.resume(good.replace(".0.", ".3.")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResumableSha256.resume("zz"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
