package dev.meridian.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.replication.ObjectCreated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads S3's event notification JSON ({@code Records[].eventName}, {@code s3.bucket.name},
 * {@code s3.object.key|size|eTag|sequencer}) into the core's {@link ObjectCreated}. The Lambda
 * adapter and the local runtime's emulation both go through here, so the local runtime proves
 * the same parsing that runs on AWS.
 *
 * <p>S3 URL-encodes object keys in notifications the way HTML forms do: a space arrives as
 * {@code +}, a {@code +} as {@code %2B}, so {@link URLDecoder} is the right inverse. Records
 * other than {@code ObjectCreated:*} (removals, test events) are skipped; {@code size} is absent
 * on some event kinds and then read as -1.
 */
public final class S3EventNotifications {

  private static final ObjectMapper JSON = new ObjectMapper();

  private S3EventNotifications() {}

  public static List<ObjectCreated> parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not an S3 event notification: " + e.getMessage(), e);
    }
    List<ObjectCreated> created = new ArrayList<>();
    for (JsonNode record : root.path("Records")) {
      if (!record.path("eventName").asText("").startsWith("ObjectCreated:")) {
        continue;
      }
      JsonNode s3 = record.path("s3");
      JsonNode object = s3.path("object");
      String bucket = s3.path("bucket").path("name").asText(null);
      String key = object.path("key").asText(null);
      if (bucket == null || key == null) {
        throw new IllegalArgumentException("S3 record without bucket name or object key");
      }
      created.add(new ObjectCreated(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8),
          object.path("size").asLong(-1), object.path("eTag").asText(null),
          object.path("sequencer").asText(null)));
    }
    return created;
  }
}
