package dev.meridian.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.version.Version;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The body of a tag record object ({@code StorageLayout.tagRecord}): {@code {"repository",
 * "tag", "digest" (null for a tombstone), "deleted", "version"}}. Replication reads these to
 * apply a tag change in a peer region, so the format is the wire contract between regions.
 */
public final class TagRecordJson {
  public static final String CONTENT_TYPE = "application/json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TagRecordJson() {}

  public static byte[] encode(RepositoryName repository, TagRecord record) {
    ObjectNode node = JSON.createObjectNode();
    node.put("repository", repository.value());
    node.put("tag", record.tag());
    if (record.isDeleted()) {
      node.putNull("digest");
    } else {
      node.put("digest", record.digest().toString());
    }
    node.put("deleted", record.isDeleted());
    node.put("version", record.version().toString());
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TagRecord decode(byte[] bytes) {
    try {
      JsonNode node = JSON.readTree(bytes);
      Version version = Version.parse(node.path("version").asText());
      String tag = node.path("tag").asText();
      JsonNode digest = node.get("digest");
      return digest == null || digest.isNull()
          ? TagRecord.deleted(tag, version)
          : TagRecord.pointing(tag, Digest.parse(digest.asText()), version);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a tag record", e);
    }
  }
}
