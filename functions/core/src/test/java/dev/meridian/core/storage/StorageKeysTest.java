package dev.meridian.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.version.Version;
import org.junit.jupiter.api.Test;

class StorageKeysTest {
  static final RepositoryName REPO = RepositoryName.parse("team/app");
  static final Digest DIGEST = Digest.parse("sha256:" + "ab".repeat(32));
  static final Version VERSION = new Version(1735689600000L, 3, new Seed("ab"));

  @Test
  void parse_whenKeysMadeByStorageLayout_readsThemBack() {
    assertThat(StorageKeys.parse(StorageLayout.blob(DIGEST)))
        .isEqualTo(new ObjectKind.Blob(StorageLayout.blob(DIGEST), DIGEST));
    String manifest = StorageLayout.manifest(REPO, DIGEST);
    assertThat(StorageKeys.parse(manifest))
        .isEqualTo(new ObjectKind.Manifest(manifest, REPO, DIGEST));
    String tag = StorageLayout.tagRecord(REPO, "v1.0", VERSION);
    assertThat(StorageKeys.parse(tag))
        .isEqualTo(new ObjectKind.TagRecordKey(tag, REPO, "v1.0", VERSION));
    String tombstone = StorageLayout.manifestTombstone(REPO, DIGEST, VERSION);
    assertThat(StorageKeys.parse(tombstone))
        .isEqualTo(new ObjectKind.ManifestTombstone(tombstone, REPO, DIGEST, VERSION));
    String put = StorageLayout.manifestPut(REPO, DIGEST, VERSION);
    assertThat(put).isEqualTo("repositories/team/app/_pushed/sha256/" + DIGEST.encoded() + "/"
        + VERSION);
    assertThat(StorageKeys.parse(put))
        .isEqualTo(new ObjectKind.ManifestPut(put, REPO, DIGEST, VERSION));
    assertThat(StorageKeys.parse(StorageLayout.ack(tag, new Seed("ac"))))
        .isEqualTo(new ObjectKind.Ack(StorageLayout.ack(tag, new Seed("ac")), tag, new Seed("ac")));
    assertThat(StorageKeys.parse(StorageLayout.failure(manifest, new Seed("ac"))))
        .isEqualTo(new ObjectKind.Failure(StorageLayout.failure(manifest, new Seed("ac")), manifest, new Seed("ac")));
    assertThat(StorageKeys.parse(StorageLayout.uploadData("s1"))).isInstanceOf(ObjectKind.Upload.class);
  }

  @Test
  void parse_whenKeyIsNotOneMeridianWrites_isUnknown() {
    assertThat(StorageKeys.parse("blobs/sha256/xyz")).isInstanceOf(ObjectKind.Unknown.class);
    assertThat(StorageKeys.parse("repositories/team/app/_tags/v1/not-a-version"))
        .isInstanceOf(ObjectKind.Unknown.class);
    assertThat(StorageKeys.parse("repositories/team/app/_manifests/sha256")).isInstanceOf(
        ObjectKind.Unknown.class);
    assertThat(StorageKeys.parse("_acks/whatever/ab")).isInstanceOf(ObjectKind.Unknown.class);
    assertThat(StorageKeys.parse("other/key")).isInstanceOf(ObjectKind.Unknown.class);
  }

  @Test
  void replicates_isTrueForBlobsAndChangesOnly() {
    assertThat(StorageKeys.parse(StorageLayout.blob(DIGEST)).replicates()).isTrue();
    assertThat(StorageKeys.parse(StorageLayout.manifest(REPO, DIGEST)).replicates()).isTrue();
    assertThat(StorageKeys.parse(StorageLayout.uploadTail("s")).replicates()).isFalse();
    assertThat(StorageKeys.parse(StorageLayout.ack(StorageLayout.manifest(REPO, DIGEST), new Seed("aa")))
        .replicates()).isFalse();
  }

  @Test
  void uploadSessionOf_readsTheSessionIdOfUploadKeysOnly() {
    assertThat(StorageLayout.uploadSessionOf(StorageLayout.uploadData("s-1"))).isEqualTo("s-1");
    assertThat(StorageLayout.uploadSessionOf(StorageLayout.uploadTail("s-1"))).isEqualTo("s-1");
    assertThat(StorageLayout.uploadSessionOf("_uploads/")).isNull();
    assertThat(StorageLayout.uploadSessionOf("_uploads//data")).isNull();
    assertThat(StorageLayout.uploadSessionOf("_uploads/no-slash")).isNull();
    assertThat(StorageLayout.uploadSessionOf(StorageLayout.blob(DIGEST))).isNull();
  }
}
