package dev.meridian.local.replication;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * S3's event notification JSON for one created object (event structure version 2.1), as S3
 * sends it to Lambda: {@code Records[0].eventName}, {@code s3.bucket.name}, {@code
 * s3.object.key} URL-encoded the way S3 does it (form encoding — a space is {@code +} — with
 * {@code /} left as is), {@code size}, {@code eTag} (no quotes) and a {@code sequencer}.
 */
final class S3EventJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private S3EventJson() {}

  static String objectCreated(String eventName, String bucket, String key, long size, String eTag,
      String sequencer, Instant at) {
    ObjectNode record = JSON.createObjectNode();
    record.put("eventVersion", "2.1");
    record.put("eventSource", "aws:s3");
    record.put("awsRegion", "us-east-1");
    record.put("eventTime", at.toString());
    record.put("eventName", eventName);
    record.putObject("userIdentity").put("principalId", "meridian-local");
    ObjectNode s3 = record.putObject("s3");
    s3.put("s3SchemaVersion", "1.0");
    s3.put("configurationId", "meridian-replicate");
    ObjectNode b = s3.putObject("bucket");
    b.put("name", bucket);
    b.put("arn", "arn:aws:s3:::" + bucket);
    ObjectNode object = s3.putObject("object");
    object.put("key", encodeKey(key));
    object.put("size", size);
    if (eTag != null) {
      object.put("eTag", eTag.replace("\"", ""));
    }
    object.put("sequencer", sequencer);
    ObjectNode root = JSON.createObjectNode();
    root.putArray("Records").add(record);
    return root.toString();
  }

  static String encodeKey(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
  }
}
