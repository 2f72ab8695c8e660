package dev.meridian.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.oci.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The one JSON shape of an audit record — stored in the table, answered by the API, hashed — and
 * the hash: SHA-256 over the record's JSON without {@code hash}, fields in the fixed order below,
 * so any reader (the CLI, a script with {@code jq} and {@code sha256sum}) can recompute it.
 */
public final class AuditJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditJson() {}

  /** Every field but {@code hash}, in a fixed order: the bytes the hash is taken over. */
  public static String canonical(AuditRecord r) {
    return withoutHash(r).toString();
  }

  public static String hash(AuditRecord r) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return Hex.encode(sha.digest(canonical(r).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public static ObjectNode node(AuditRecord r) {
    return withoutHash(r).put("hash", r.hash());
  }

  public static String stored(AuditRecord r) {
    return node(r).toString();
  }

  public static AuditRecord fromStored(String json) {
    try {
      return fromNode(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an audit record: " + e.getOriginalMessage(), e);
    }
  }

  private static AuditRecord fromNode(JsonNode n) {
    AuditEntry entry = new AuditEntry(n.path("actor").asText(), n.path("action").asText(),
        n.path("status").asInt(), n.path("address").asText(), n.path("repository").asText(),
        n.path("reference").asText(), n.path("digest").asText(), n.path("detail").asText());
    return new AuditRecord(n.path("origin").asText(), n.path("sequence").asLong(),
        Instant.parse(n.path("time").asText()), entry, n.path("previousHash").asText(),
        n.path("hash").asText());
  }

  private static ObjectNode withoutHash(AuditRecord r) {
    AuditEntry e = r.entry();
    return JSON.createObjectNode()
        .put("origin", r.origin())
        .put("sequence", r.sequence())
        .put("time", r.time().toString())
        .put("actor", e.actor())
        .put("action", e.action())
        .put("status", e.status())
        .put("address", e.address())
        .put("repository", e.repository())
        .put("reference", e.reference())
        .put("digest", e.digest())
        .put("detail", e.detail())
        .put("previousHash", r.previousHash());
  }
}
