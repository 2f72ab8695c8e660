package dev.meridian.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.version.Version;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The newest of a manifest's put records and tombstones decides its membership. */
class ManifestStateTest {
  private static final RepositoryName REPO = RepositoryName.parse("team/app");
  private static final Digest DIGEST = Digest.parse("sha256:" + "ab".repeat(32));
  private static final Digest OTHER = Digest.parse("sha256:" + "cd".repeat(32));

  private final InMemoryObjectStore bucket = new InMemoryObjectStore("b");

  @Test
  void read_whenNoRecords_isLive() {
    ManifestState state = ManifestState.read(bucket, REPO, DIGEST);

    assertThat(state.live()).isTrue();
    assertThat(state).isEqualTo(new ManifestState(null, null));
  }

  @Test
  void read_whenOnlyATombstone_isDeleted() {
    tombstone(DIGEST, v(5, "aa"));

    assertThat(ManifestState.read(bucket, REPO, DIGEST).live()).isFalse();
    assertThat(ManifestState.newestDelete(bucket, REPO, DIGEST).version()).isEqualTo(v(5, "aa"));
    assertThat(ManifestState.newestPut(bucket, REPO, DIGEST)).isNull();
  }

  @Test
  void read_whenAPutIsNewerThanEveryTombstone_isLive_whateverTheWriteOrder() {
    put(DIGEST, v(9, "ab"));
    tombstone(DIGEST, v(5, "aa"));
    put(DIGEST, v(1, "aa"));
    tombstone(DIGEST, v(8, "ac"));

    ManifestState state = ManifestState.read(bucket, REPO, DIGEST);

    assertThat(state.live()).isTrue();
    assertThat(state.newestPut().version()).isEqualTo(v(9, "ab"));
    assertThat(state.newestDelete().version()).isEqualTo(v(8, "ac"));
  }

  @Test
  void read_whenATombstoneIsNewest_isDeleted_tiesOfMillisBrokenBySeed() {
    put(DIGEST, v(7, "aa"));
    tombstone(DIGEST, v(7, "ab"));
    put(OTHER, v(100, "aa")); // another digest's records do not count

    ManifestState state = ManifestState.read(bucket, REPO, DIGEST);

    assertThat(state.live()).isFalse();
    assertThat(state.newestDelete().version()).isEqualTo(v(7, "ab"));
  }

  private void put(Digest digest, Version version) {
    bucket.putIfAbsent(StorageLayout.manifestPut(REPO, digest, version),
        "{}".getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private void tombstone(Digest digest, Version version) {
    bucket.putIfAbsent(StorageLayout.manifestTombstone(REPO, digest, version),
        "{}".getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private static Version v(long millis, String seed) {
    return new Version(1_735_689_600_000L + millis, 0, new Seed(seed));
  }
}
