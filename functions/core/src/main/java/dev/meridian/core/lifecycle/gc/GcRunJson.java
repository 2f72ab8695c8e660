package dev.meridian.core.lifecycle.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@link GcRun} as JSON: the API's shape and the stored report's (docs/api.md "GC"). */
final class GcRunJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GcRunJson() {}

  static ObjectNode toJson(GcRun run) {
    ObjectNode node = JSON.createObjectNode()
        .put("id", run.id()).put("region", run.region()).put("dryRun", run.dryRun())
        .put("startedAt", run.startedAt().toString())
        .put("finishedAt", run.finishedAt().toString())
        .put("manifestsScanned", run.manifestsScanned()).put("blobsScanned", run.blobsScanned())
        .put("blobsDeleted", run.blobsDeleted()).put("manifestsDeleted", run.manifestsDeleted())
        .put("bytesFreed", run.bytesFreed()).put("blobsKept", run.blobsKept())
        .put("blobsAdopted", run.blobsAdopted());
    run.blobs().forEach(node.putArray("blobs")::add);
    run.manifests().forEach(node.putArray("manifests")::add);
    return node;
  }

  static byte[] bytes(GcRun run) {
    try {
      return JSON.writeValueAsBytes(toJson(run));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GcRun parse(byte[] bytes) throws IOException {
    JsonNode n = JSON.readTree(bytes);
    return new GcRun(n.path("id").asText(), n.path("region").asText(),
        n.path("dryRun").asBoolean(), Instant.parse(n.path("startedAt").asText()),
        Instant.parse(n.path("finishedAt").asText()), n.path("manifestsScanned").asInt(),
        n.path("blobsScanned").asInt(), n.path("blobsDeleted").asInt(),
        n.path("manifestsDeleted").asInt(), n.path("bytesFreed").asLong(),
        n.path("blobsKept").asInt(), n.path("blobsAdopted").asInt(), texts(n.path("blobs")),
        texts(n.path("manifests")));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }
}
