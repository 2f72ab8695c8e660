package dev.meridian.core.storage;

import dev.meridian.core.naming.Seed;
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
 *   _deleted/&lt;alg&gt;/&lt;hex&gt;/&lt;version&gt;            a manifest tombstone (JSON: digest, version):
 *                                             the manifest left the repository
 *   _pushed/&lt;alg&gt;/&lt;hex&gt;/&lt;version&gt;             a manifest put record (JSON: digest, version):
 *                                             the manifest was pushed; the newest of the
 *                                             put records and tombstones decides whether the
 *                                             manifest is in the repository (ManifestState)
 * _acks/&lt;change-key&gt;/&lt;peer-seed&gt;              in the ORIGIN's bucket: peer has applied the
 *                                             change whose key (in every bucket) is change-key
 * _failures/&lt;change-key&gt;/&lt;peer-seed&gt;          in the origin's bucket: the last fan-out of the
 *                                             change to that peer failed (JSON: error, at)
 * _settings/pull.json                          the registry's pull settings (JSON: onMiss), written
 *                                             to every region's bucket by the admin API
 * _settings/pull/&lt;name&gt;.json                  one repository's pull settings (overrides)
 * _lifecycle/&lt;kind&gt;/&lt;id&gt;/&lt;version&gt;        registry configuration (retention, locks, immutability,
 *                                             soft-delete), written to every bucket, newest wins
 *                                             (core.lifecycle.LifecycleStore; never fanned out)
 * _builds/contexts/&lt;alg&gt;/&lt;hex&gt;             a build context (tar.gz), content-addressed
 * _builds/logs/&lt;run-id&gt;                       a run's log (text, rewritten as the run goes)
 * _gc/runs/&lt;inverted-millis&gt;-&lt;run-id&gt;       a garbage collection run's report (JSON), newest
 *                                             first; never replicates (docs/lifecycle.md)
 * _uploads/&lt;session-id&gt;/
 *   data                                      the multipart upload being assembled
 *   tail                                      bytes received beyond the last full part
 * </pre>
 *
 * Everything under {@code blobs/} and {@code repositories/} is immutable and replicates; {@code
 * _uploads/}, {@code _acks/} and {@code _failures/} never do; {@code _uploads/} of abandoned
 * sessions is removed by the bucket's lifecycle rule on AWS and by {@code UploadSweeper} in the
 * local runtime. A manifest object carries user
 * metadata {@value #ORIGIN_METADATA} (the seed of the region where it was first written) and the
 * pushing request's {@code meridian-request-*}; a tag record, a manifest put record and a
 * tombstone carry their origin in their version. {@link StorageKeys#parse} reads any key back.
 *
 * <h2>Index (one DynamoDB table per region, string keys {@code pk}, {@code sk})</h2>
 *
 * Every attribute, its type and the write conditions: {@code docs/storage-layout.md}.
 *
 * <pre>
 * pk                       sk                              item
 * blob#&lt;digest&gt;             blob                            digest, size, createdAt
 * blob#&lt;digest&gt;             gc                              lastUsed, condemned, deleting,
 *                                                          deletingAt (BlobGcIndex claims)
 * repo#&lt;name&gt;              blob#&lt;digest&gt;                    size                 (blob link)
 * repo#&lt;name&gt;              manifest#&lt;digest&gt;                media type, size, artifactType,
 *                                                          subject, annotations, blobs, manifests
 * repo#&lt;name&gt;              tag#&lt;tag&gt;                        tag, version, digest (absent on a
 *                                                          tombstone); kept iff version is higher
 * repo#&lt;name&gt;              ref#&lt;subject&gt;#&lt;digest&gt;          referrer descriptor
 * catalog                  &lt;name&gt;                          (repository exists)
 * upload#&lt;id&gt;              upload                          session state, ttl = expiresAt
 * event                    &lt;20-digit sequence&gt;             one event of the region's log
 * event-id#&lt;id&gt;           event-id                        sequence of the event with that id
 * counter#event            counter                         n: the log's last sequence
 * webhooks                 &lt;name&gt;                          webhook config (secret included)
 * webhook#&lt;name&gt;           delivery#&lt;millis&gt;#&lt;id&gt;          one delivery: body, state, attempts
 * webhook#&lt;name&gt;           delivery-id#&lt;id&gt;                 key: the delivery's sort key
 * webhook-pending          &lt;name&gt;#&lt;id&gt;                    key, due: a PENDING delivery
 * counter#webhook-cursor   counter                         n: the dispatch cursor (event sequence)
 * counter#publish-cursor   counter                         n: the event sequence published to the
 *                                                          bus; claim, claimUntil: a live claim
 * counter#run              counter                         n: the last run sequence issued, writer
 * run                      &lt;20-digit sequence&gt;             one build run (docs/builds.md)
 * run-status#&lt;Status&gt;     &lt;20-digit sequence&gt;             the run is in that state (lists, capacity)
 * run-token#&lt;token&gt;       run-token                       runId: the run a client token claimed
 * quota                    registry | repositories:&lt;glob&gt; bytes, version, deleted (quota rules,
 *                                                          written to every region's table)
 * task                     &lt;task name&gt;                     a build task, as JSON in "task" (docs/builds.md "Tasks")
 * counter#task-trigger     counter                         n: the event sequence base-image triggers read up to
 * audit#&lt;region&gt;         &lt;20-digit sequence&gt;             one audit record of that region's chain, as
 *                                                          JSON in "doc"; ttl (docs/console.md)
 * </pre>
 */
public final class StorageLayout {
  public static final String BLOBS_PREFIX = "blobs/";
  public static final String REPOSITORIES_PREFIX = "repositories/";
  public static final String UPLOADS_PREFIX = "_uploads/";
  public static final String ACKS_PREFIX = "_acks/";
  public static final String FAILURES_PREFIX = "_failures/";
  static final String MANIFESTS_SEGMENT = "/_manifests/";
  static final String TAGS_SEGMENT = "/_tags/";
  static final String DELETED_SEGMENT = "/_deleted/";
  static final String PUSHED_SEGMENT = "/_pushed/";

  /** User metadata on a manifest object: the seed of the region where it was first written. */
  public static final String ORIGIN_METADATA = "meridian-origin";

  /** The seed in {@code metadata}'s {@link #ORIGIN_METADATA}; null when absent or not a seed. */
  public static Seed origin(java.util.Map<String, String> metadata) {
    String origin = metadata.get(ORIGIN_METADATA);
    return Seed.isValid(origin) ? new Seed(origin) : null;
  }

  /**
   * User metadata of a manifest object pushed by tag: the tag. Such a push is announced once, by
   * its tag record's events ({@code push} on arrival, {@code replicated} when every peer has it);
   * the manifest object, which travels first as the tag's dependency, announces nothing itself.
   */
  public static final String PUSHED_TAG_METADATA = "meridian-pushed-tag";

  private StorageLayout() {}

  public static String blob(Digest digest) {
    return BLOBS_PREFIX + digest.algorithm() + "/" + digest.encoded();
  }

  public static String manifest(RepositoryName repository, Digest digest) {
    return REPOSITORIES_PREFIX + repository.value() + MANIFESTS_SEGMENT + digest.algorithm() + "/"
        + digest.encoded();
  }

  /** A manifest tombstone: the manifest left the repository at {@code version}. */
  public static String manifestTombstone(RepositoryName repository, Digest digest, Version version) {
    return manifestTombstonePrefix(repository, digest) + version;
  }

  public static String manifestTombstonePrefix(RepositoryName repository, Digest digest) {
    return REPOSITORIES_PREFIX + repository.value() + DELETED_SEGMENT + digest.algorithm() + "/"
        + digest.encoded() + "/";
  }

  /** A manifest put record: the manifest was pushed to the repository at {@code version}. */
  public static String manifestPut(RepositoryName repository, Digest digest, Version version) {
    return manifestPutPrefix(repository, digest) + version;
  }

  public static String manifestPutPrefix(RepositoryName repository, Digest digest) {
    return REPOSITORIES_PREFIX + repository.value() + PUSHED_SEGMENT + digest.algorithm() + "/"
        + digest.encoded() + "/";
  }

  /** In the origin's bucket: {@code peerSeed} has applied the change stored at {@code changeKey}. */
  public static String ack(String changeKey, Seed peerSeed) {
    return ackPrefix(changeKey) + peerSeed;
  }

  public static String ackPrefix(String changeKey) {
    return ACKS_PREFIX + changeKey + "/";
  }

  /** The registry's pull settings ({@code onMiss}), the same object in every region's bucket. */
  public static final String PULL_SETTINGS = "_settings/pull.json";

  /** One repository's pull settings, overriding {@link #PULL_SETTINGS}. */
  public static String pullSettings(RepositoryName repository) {
    return "_settings/pull/" + repository.value() + ".json";
  }

  /** In the origin's bucket: the last fan-out of {@code changeKey} to {@code peerSeed} failed. */
  public static String failure(String changeKey, Seed peerSeed) {
    return FAILURES_PREFIX + changeKey + "/" + peerSeed;
  }

  public static String tagRecord(RepositoryName repository, String tag, Version version) {
    return tagRecordPrefix(repository, tag) + version;
  }

  public static String tagRecordPrefix(RepositoryName repository, String tag) {
    return REPOSITORIES_PREFIX + repository.value() + TAGS_SEGMENT + tag + "/";
  }

  public static final String GC_RUNS_PREFIX = "_gc/runs/";

  /** A GC run's report; the inverted start time lists the newest first. */
  public static String gcRun(long startedAtMillis, String runId) {
    return GC_RUNS_PREFIX + String.format("%019d", Long.MAX_VALUE - startedAtMillis) + "-" + runId;
  }

  public static String uploadData(String sessionId) {
    return UPLOADS_PREFIX + sessionId + "/data";
  }

  public static String uploadTail(String sessionId) {
    return UPLOADS_PREFIX + sessionId + "/tail";
  }

  /** The session id of an {@code _uploads/<session-id>/...} key, or null for any other key. */
  public static String uploadSessionOf(String key) {
    if (!key.startsWith(UPLOADS_PREFIX)) {
      return null;
    }
    int slash = key.indexOf('/', UPLOADS_PREFIX.length());
    return slash <= UPLOADS_PREFIX.length() ? null : key.substring(UPLOADS_PREFIX.length(), slash);
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

  // --- event log (EventLog adapter) ---

  /** The partition of the region's event log; sort key {@link #eventSk}. */
  public static final String EVENT_PK = "event";

  /** Zero-padded to 20 digits, so sort keys order as sequences do. */
  public static String eventSk(long sequence) {
    return String.format("%020d", sequence);
  }

  /** The guard item that makes appends idempotent on the event id. */
  public static String eventIdPk(String eventId) {
    return "event-id#" + eventId;
  }

  public static final String EVENT_ID_SK = "event-id";
  public static final String EVENT_COUNTER_PK = "counter#event";
  public static final String COUNTER_SK = "counter";

  // --- webhooks (WebhookStore adapter, docs/webhooks.md) ---

  /** The partition holding every webhook config of the region; sort key: the name. */
  public static final String WEBHOOKS_PK = "webhooks";
  public static final String WEBHOOK_PENDING_PK = "webhook-pending";
  public static final String WEBHOOK_CURSOR_PK = "counter#webhook-cursor";
  /** The event bus publisher's cursor and claim (PublishCursor adapter, docs/events.md). */
  public static final String PUBLISH_CURSOR_PK = "counter#publish-cursor";
  public static final String WEBHOOK_DELIVERY_SK_PREFIX = "delivery#";

  /** A webhook's deliveries and their id pointers. */
  public static String webhookPk(String name) {
    return "webhook#" + name;
  }

  /** Creation time (zero-padded epoch millis) first, so a query lists deliveries in order. */
  public static String webhookDeliverySk(long createdAtMillis, String id) {
    return WEBHOOK_DELIVERY_SK_PREFIX + String.format("%015d", createdAtMillis) + "#" + id;
  }

  public static String webhookDeliveryIdSk(String id) {
    return "delivery-id#" + id;
  }

  public static String webhookPendingSk(String name, String id) {
    return name + "#" + id;
  }

  // --- accounts (IdentityStore adapter, docs/security.md). Written to every region's table ---

  /** Every account of the registry (tombstones included); sort key: the account name. */
  public static final String ACCOUNT_PK = "account";
  /** Auth settings; sort key {@link #ANONYMOUS_SK}: the anonymous-pull switch. */
  public static final String AUTH_SETTINGS_PK = "auth";
  public static final String ANONYMOUS_SK = "anonymous";

  // --- audit log (AuditStore adapter, docs/console.md). Every region's chain in every table ---

  /** One region's audit chain (its name); sort key {@link #auditSk}. */
  public static String auditPk(String origin) {
    return "audit#" + origin;
  }

  /** Zero-padded to 20 digits, so sort keys order as sequences do. */
  public static String auditSk(long sequence) {
    return String.format("%020d", sequence);
  }

  // --- quotas (QuotaStore adapter, docs/lifecycle.md). Written to every region's table ---

  public static final String QUOTA_PK = "quota";

  // --- builds (RunIdAllocator, RunStore adapters; docs/builds.md). _builds/ never replicates ---

  public static final String BUILDS_PREFIX = "_builds/";
  public static final String RUN_COUNTER_PK = "counter#run";
  public static final String RUN_PK = "run";
  public static final String RUN_TOKEN_SK = "run-token";
  public static final String TASK_PK = "task";
  public static final String TASK_TRIGGER_CURSOR_PK = "counter#task-trigger";

  /** A task's timer claims; sort key {@link #timerClaimSk}: which region fires a tick. */
  public static String taskTimerPk(String task) {
    return "timer#" + task;
  }

  /** {@code <timer>#<tick epoch seconds, 12 digits>}. */
  public static String timerClaimSk(String timer, long tickEpochSecond) {
    return timer + "#" + String.format("%012d", tickEpochSecond);
  }

  /** A task's run history; sort key {@link #taskRunSk}. */
  public static String taskRunPk(String task) {
    return "task-run#" + task;
  }

  /** Newest first in sort-key order: {@code <Long.MAX_VALUE - created millis, 19 digits>#<runId>}. */
  public static String taskRunSk(long createdAtMillis, String runId) {
    return String.format("%019d", Long.MAX_VALUE - createdAtMillis) + "#" + runId;
  }

  /** A build context uploaded to the region, under the digest of its bytes. */
  public static String buildContext(Digest digest) {
    return BUILDS_PREFIX + "contexts/" + digest.algorithm() + "/" + digest.encoded();
  }

  /** A run's log; {@code runId} is a validated {@code RunId}'s text. */
  public static String buildLog(String runId) {
    return BUILDS_PREFIX + "logs/" + runId;
  }

  /** Zero-padded to 20 digits, so sort keys order as run sequences do. */
  public static String runSk(long sequence) {
    return String.format("%020d", sequence);
  }

  /** The partition listing the runs in one state (by its wire name, e.g. {@code Queued}). */
  public static String runStatusPk(String status) {
    return "run-status#" + status;
  }

  public static String runTokenPk(String clientToken) {
    return "run-token#" + clientToken;
  }
}
