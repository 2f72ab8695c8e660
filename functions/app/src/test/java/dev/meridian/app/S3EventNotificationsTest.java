package dev.meridian.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.replication.ObjectCreated;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** S3's own notification JSON (AWS's documented event structure, version 2.1). */
class S3EventNotificationsTest {

  @Test
  void parse_whenS3Event_keepsObjectCreatedRecordsWithDecodedKeys() throws IOException {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/events/s3-object-created-put.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(S3EventNotifications.parse(json)).containsExactly(
        new ObjectCreated("meridian-eastus",
            "repositories/library/alpine/_tags/v1.0+build/000001735689600000-000000-aa", 171,
            "d41d8cd98f00b204e9800998ecf8427e", "0055AED6DCD90281E5"),
        // S3 encodes a space as '+', like an HTML form.
        new ObjectCreated("meridian-eastus", "blobs/sha256/with space", 10485760,
            "5f363e0e58a95f06cbe9bbc662c5dfb6-2", "0055AED6DCD90281E7"));
  }

  @Test
  void parse_whenNoRecords_returnsEmpty() {
    assertThat(S3EventNotifications.parse("{\"Event\":\"s3:TestEvent\"}")).isEmpty();
  }

  @Test
  void parse_whenNotJson_fails() {
    assertThatThrownBy(() -> S3EventNotifications.parse("Records"))
        .isInstanceOf(UncheckedIOException.class);
  }
}
