package dev.meridian.core.storage;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.version.Version;

/**
 * The one place where storage keys are made (after CNCF distribution's
 * {@code registry/storage/paths.go}). Inputs are validated value types, so no key can escape its
 * prefix: a {@link RepositoryName} admits no {@code ..}, no empty component and no upper case; a
 * tag no slash; a digest only {@code [a-z0-9]} and hex.
 *
 * <h2>Object store (one bucket per region: {@code <registry>-<region>})</h2>
 *
 * <pre>
 * blobs/
 *   &lt;alg&gt;/&lt;hex&gt;                               blob bytes, content-addressed, shared by all
 *                                             repositories of the region (immutable)
 * repositories/&lt;name&gt;/
 *   _manifests/&lt;alg&gt;/&lt;hex&gt;                   manifest bytes exactly as pushed (immutable);
 *                                             object metadata: media type
 *   _tags/&lt;tag&gt;/&lt;version&gt;                     a tag record (JSON: digest or deleted, version)
 *                                             — a new object per change, never overwritten
 * _uploads/&lt;session-id&gt;/
 *   data                                      the multipart upload being assembled
 *   tail                                      bytes received beyond the last full part
 * </pre>
 *
 * Everything outside {@code _uploads/} is immutable and may replicate; {@code _uploads/} never
 * does.
 *
 * <h2>Index (one DynamoDB table per region, string keys {@code pk}, {@code sk})</h2>
 *
 * Every attribute, its type and the write conditions: {@code docs/storage-layout.md}.
 *
 * <pre>
 * pk                       sk                              item
 * blob#&lt;digest&gt;             blob                            digest, size, createdAt
 * repo#&lt;name&gt;              blob#&lt;digest&gt;                    size                 (blob link)
 * repo#&lt;name&gt;              manifest#&lt;digest&gt;                media type, size, artifactType,
 *                                                          subject, annotations, blobs, manifests
 * repo#&lt;name&gt;              tag#&lt;tag&gt;                        tag, version, digest (absent on a
 *                                                          tombstone); kept iff version is higher
 * repo#&lt;name&gt;              ref#&lt;subject&gt;#&lt;digest&gt;          referrer descriptor
 * catalog                  &lt;name&gt;                          (repository exists)
 * upload#&lt;id&gt;              upload                          session state, ttl = expiresAt
 * </pre>
 */
public final class StorageLayout {
  public static final String BLOBS_PREFIX = "blobs/";
  public static final String REPOSITORIES_PREFIX = "repositories/";
  public static final String UPLOADS_PREFIX = "_uploads/";

  private StorageLayout() {}

  public static String blob(Digest digest) {
    return BLOBS_PREFIX + digest.algorithm() + "/" + digest.encoded();
  }

  public static String manifest(RepositoryName repository, Digest digest) {
    return REPOSITORIES_PREFIX + repository.value() + "/_manifests/" + digest.algorithm() + "/"
        + digest.encoded();
  }

  public static String tagRecord(RepositoryName repository, String tag, Version version) {
    return tagRecordPrefix(repository, tag) + version;
  }

  public static String tagRecordPrefix(RepositoryName repository, String tag) {
    return REPOSITORIES_PREFIX + repository.value() + "/_tags/" + tag + "/";
  }

  public static String uploadData(String sessionId) {
    return UPLOADS_PREFIX + sessionId + "/data";
  }

  public static String uploadTail(String sessionId) {
    return UPLOADS_PREFIX + sessionId + "/tail";
  }

  // --- index keys ---

  public static final String PK = "pk";
  public static final String SK = "sk";

  public static String blobPk(Digest digest) {
    return "blob#" + digest;
  }

  public static final String BLOB_SK = "blob";

  public static String repoPk(RepositoryName repository) {
    return "repo#" + repository.value();
  }

  public static String blobLinkSk(Digest digest) {
    return "blob#" + digest;
  }

  public static String manifestSk(Digest digest) {
    return "manifest#" + digest;
  }

  public static final String TAG_SK_PREFIX = "tag#";

  public static String tagSk(String tag) {
    return TAG_SK_PREFIX + tag;
  }

  public static String referrerSkPrefix(Digest subject) {
    return "ref#" + subject + "#";
  }

  public static String referrerSk(Digest subject, Digest referrer) {
    return referrerSkPrefix(subject) + referrer;
  }

  public static final String CATALOG_PK = "catalog";

  public static String uploadPk(String sessionId) {
    return "upload#" + sessionId;
  }

  public static final String UPLOAD_SK = "upload";
}
