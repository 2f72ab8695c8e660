package dev.meridian.core.lifecycle.retention;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Reference;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;

/**
 * One thing a retention rule selects: a tag (deleted by tag) or an untagged manifest (deleted by
 * digest).
 *
 * @param tag null for an untagged manifest
 * @param criterion why: {@code keepLast}, {@code tagMaxAgeDays} or {@code untaggedMaxAgeDays}
 * @param owner the seed of the region whose change made the current state (the tag's current
 *     record, the manifest's newest put): the one region whose scheduled run deletes it
 */
public record RetentionCandidate(RepositoryName repository, String tag, Digest digest,
    String rule, String criterion, Seed owner) {

  public Reference reference() {
    return tag == null ? Reference.of(digest) : Reference.of(Tag.parse(tag));
  }

  /** {@code repo:tag} or {@code repo@digest}. */
  public String target() {
    return tag == null ? repository.value() + "@" + digest : repository.value() + ":" + tag;
  }
}
