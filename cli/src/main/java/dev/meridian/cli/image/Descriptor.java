package dev.meridian.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An OCI content descriptor: what a manifest says about a blob or a child manifest. */
public record Descriptor(String mediaType, String digest, long size) {

  static Descriptor of(JsonNode node) {
    return new Descriptor(node.path("mediaType").asText(null), node.path("digest").asText(), node.path("size").asLong());
  }

  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("mediaType", mediaType).put("digest", digest).put("size", size);
    return node;
  }

  /** {@code sha256:0123456789ab}: what progress lines show. */
  public String shortDigest() {
    int colon = digest.indexOf(':');
    return digest.substring(0, Math.min(digest.length(), colon + 13));
  }
}
