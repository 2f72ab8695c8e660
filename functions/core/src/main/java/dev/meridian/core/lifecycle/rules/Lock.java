package dev.meridian.core.lifecycle.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import dev.meridian.core.version.Version;

/**
 * ACR's lock attributes ({@code az acr repository update --write-enabled false ...}) on a
 * repository, a tag or a manifest. Every flag defaults to true (unlocked); a lock with all four
 * true is no lock and is removed instead of stored.
 *
 * @param tag the locked tag, or null
 * @param digest the locked manifest, or null (both null: the whole repository)
 * @param pinned for a tag whose writes are disabled: the digest the tag pointed at when it was
 *     locked. Every region converges on it, whatever pushes raced the lock
 *     (docs/retention-and-locks.md "Who wins"); null otherwise
 * @param version when the lock was last set (null before it is stored)
 */
public record Lock(RepositoryName repository, String tag, Digest digest, boolean writeEnabled,
    boolean deleteEnabled, boolean readEnabled, boolean listEnabled, Digest pinned,
    Version version) {

  public Lock {
    if (repository == null) {
      throw new IllegalArgumentException("a lock needs a repository");
    }
    if (tag != null && digest != null) {
      throw new IllegalArgumentException("lock a tag or a manifest, not both");
    }
    if (tag != null && !Tag.isValid(tag)) {
      throw new IllegalArgumentException("invalid tag: " + tag);
    }
  }

  /** The scope of a lock, named as the API and the error messages name it. */
  public String target() {
    if (tag != null) {
      return repository.value() + ":" + tag;
    }
    return digest != null ? repository.value() + "@" + digest : repository.value();
  }

  /** The store id: one lock per target. Repository components never start with '_'. */
  public String id() {
    return id(repository, tag, digest);
  }

  public static String id(RepositoryName repository, String tag, Digest digest) {
    if (tag != null) {
      return repository.value() + "/_tag/" + tag;
    }
    return digest != null ? repository.value() + "/_manifest/" + digest
        : repository.value() + "/_repository";
  }

  public boolean unlocked() {
    return writeEnabled && deleteEnabled && readEnabled && listEnabled;
  }

  public boolean isRepository() {
    return tag == null && digest == null;
  }

  public Lock at(Version v, Digest pin) {
    return new Lock(repository, tag, digest, writeEnabled, deleteEnabled, readEnabled,
        listEnabled, pin, v);
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("repository", repository.value());
    if (tag != null) {
      n.put("tag", tag);
    }
    if (digest != null) {
      n.put("digest", digest.toString());
    }
    n.put("writeEnabled", writeEnabled).put("deleteEnabled", deleteEnabled)
        .put("readEnabled", readEnabled).put("listEnabled", listEnabled);
    if (pinned != null) {
      n.put("pinnedDigest", pinned.toString());
    }
    if (version != null) {
      n.put("version", version.toString());
    }
    return n;
  }

  public static Lock fromJson(JsonNode n, Version version) {
    return new Lock(RepositoryName.parse(n.path("repository").asText()),
        text(n, "tag"), text(n, "digest") == null ? null : Digest.parse(text(n, "digest")),
        n.path("writeEnabled").asBoolean(true), n.path("deleteEnabled").asBoolean(true),
        n.path("readEnabled").asBoolean(true), n.path("listEnabled").asBoolean(true),
        text(n, "pinnedDigest") == null ? null : Digest.parse(text(n, "pinnedDigest")), version);
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
