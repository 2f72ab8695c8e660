package dev.meridian.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatedPullsTest {

  private static AuditEntry pull(String actor, String address, String reference) {
    return new AuditEntry(actor, "image.pull", 200, address, "team/app", reference,
        "sha256:" + "a".repeat(64), "");
  }

  @Test
  void fold_whenEveryEntryDiffers_keepsTheBatch() {
    List<AuditEntry> batch = List.of(pull("ci", "10.0.0.1", "v1"), pull("ci", "10.0.0.2", "v1"),
        pull("dev", "10.0.0.1", "v1"), pull("ci", "10.0.0.1", "v2"));

    assertThat(RepeatedPulls.fold(batch)).isEqualTo(batch);
  }

  @Test
  void fold_whenTheSamePullRepeats_writesItOnceWithItsCount() {
    List<AuditEntry> batch = List.of(pull("ci", "10.0.0.1", "v1"), pull("dev", "10.0.0.9", "v1"),
        pull("ci", "10.0.0.1", "v1"), pull("ci", "10.0.0.1", "v1"));

    List<AuditEntry> folded = RepeatedPulls.fold(batch);

    assertThat(folded).hasSize(2);
    assertThat(folded.get(0).actor()).isEqualTo("ci");
    assertThat(folded.get(0).detail()).isEqualTo("count=3");
    assertThat(folded.get(1)).isEqualTo(pull("dev", "10.0.0.9", "v1"));
  }

  @Test
  void fold_whenTheOutcomeDiffers_keepsBoth() {
    AuditEntry ok = pull("ci", "10.0.0.1", "v1");
    AuditEntry denied = new AuditEntry("ci", "image.pull", 403, "10.0.0.1", "team/app", "v1",
        "", "");

    assertThat(RepeatedPulls.fold(List.of(ok, denied, ok))).containsExactly(
        new AuditEntry("ci", "image.pull", 200, "10.0.0.1", "team/app", "v1",
            "sha256:" + "a".repeat(64), "count=2"), denied);
  }

  @Test
  void fold_keepsAnExistingDetailBeforeTheCount() {
    AuditEntry sampled = new AuditEntry("ci", "image.pull", 200, "10.0.0.1", "team/app", "v1",
        "", "via=global");

    assertThat(RepeatedPulls.fold(List.of(sampled, sampled)).get(0).detail())
        .isEqualTo("via=global; count=2");
  }
}
