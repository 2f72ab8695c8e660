package dev.meridian.core.lifecycle.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.version.Version;
import java.time.Duration;
import java.time.Instant;

/**
 * ACR's soft-delete policy ({@code az acr config soft-delete update --days N --status enabled}):
 * while enabled, a deleted manifest stays restorable for {@code retentionDays} after its delete,
 * and garbage collection keeps its bytes. Registry-wide, replicated to every region like the rest
 * of the lifecycle configuration. Off by default (ACR's default, and what CNCF distribution does).
 */
public record SoftDeletePolicy(boolean enabled, int retentionDays, Version version) {
  public static final int DEFAULT_DAYS = 7;
  public static final int MAX_DAYS = 90; // ACR's limit
  public static final SoftDeletePolicy OFF = new SoftDeletePolicy(false, DEFAULT_DAYS, null);

  public SoftDeletePolicy {
    if (retentionDays < 1 || retentionDays > MAX_DAYS) {
      throw new IllegalArgumentException("retentionDays must be 1.." + MAX_DAYS);
    }
  }

  /** Whether content deleted at {@code deletedAt} is still restorable at {@code now}. */
  public boolean restorable(Instant deletedAt, Instant now) {
    return enabled && now.isBefore(restorableUntil(deletedAt));
  }

  public Instant restorableUntil(Instant deletedAt) {
    return deletedAt.plus(Duration.ofDays(retentionDays));
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode()
        .put("enabled", enabled).put("retentionDays", retentionDays);
    if (version != null) {
      n.put("version", version.toString());
    }
    return n;
  }

  public static SoftDeletePolicy fromJson(JsonNode n, Version version) {
    return new SoftDeletePolicy(n.path("enabled").asBoolean(false),
        n.path("retentionDays").asInt(DEFAULT_DAYS), version);
  }
}
