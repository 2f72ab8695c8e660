package dev.meridian.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.version.Version;
import org.junit.jupiter.api.Test;

class TagRecordJsonTest {
  private final RepositoryName repo = RepositoryName.parse("a/b");
  private final Version version = new Version(1_700_000_000_000L, 3, new Seed("ab"));

  @Test
  void encodeDecode_pointingAndTombstone_roundTrip() {
    TagRecord pointing = TagRecord.pointing("v1", TestManifests.fakeDigest('a'), version);
    TagRecord deleted = TagRecord.deleted("v1", version);
    assertThat(TagRecordJson.decode(TagRecordJson.encode(repo, pointing))).isEqualTo(pointing);
    assertThat(TagRecordJson.decode(TagRecordJson.encode(repo, deleted))).isEqualTo(deleted);
    assertThat(new String(TagRecordJson.encode(repo, deleted)))
        .contains("\"repository\":\"a/b\"", "\"digest\":null", "\"deleted\":true");
  }
}
