package dev.meridian.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.cli.error.CliException;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A direct upload's part plan as the registry answers it (docs/uploads.md, "Direct uploads"):
 * {@code {partSize, partCount, expiresAt, parts[{partNumber,url,offset,length}]}} — the POST's
 * answer lists the first (at most 1,000) URLs, {@code PATCH ?parts=a-b} more.
 */
record DirectPlan(long partSize, int partCount, Instant expiresAt, List<Part> parts) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Part {@code number} is the blob's bytes [{@code offset}, {@code offset + length}). */
  record Part(int number, URI url, long offset, long length, Instant expiresAt) {}

  static DirectPlan parse(byte[] body, String what) {
    try {
      JsonNode json = JSON.readTree(body);
      if (!json.path("partCount").canConvertToInt() || !json.path("parts").isArray()) {
        throw CliException.io(what + ": direct-upload answer without partCount/parts");
      }
      Instant expiresAt = json.hasNonNull("expiresAt") ? Instant.parse(json.get("expiresAt").asText()) : Instant.MAX;
      List<Part> parts = new ArrayList<>();
      for (JsonNode part : json.get("parts")) {
        parts.add(new Part(part.path("partNumber").asInt(), URI.create(part.path("url").asText()),
            part.path("offset").asLong(), part.path("length").asLong(), expiresAt));
      }
      return new DirectPlan(json.path("partSize").asLong(), json.get("partCount").asInt(), expiresAt, parts);
    } catch (IOException | IllegalArgumentException e) {
      throw CliException.io(what + ": direct-upload answer is not the documented JSON: " + e.getMessage());
    }
  }
}
