package dev.meridian.app.lambda;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import dev.meridian.core.replication.ObjectCreated;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A typed {@link S3Event} as the core's {@link ObjectCreated}s, with the same rules as {@code
 * dev.meridian.app.S3EventNotifications} (which the local runtime uses on S3's JSON): keys are
 * URL-decoded as HTML forms are ({@code +} is a space, {@code %2B} a plus), records other than
 * {@code ObjectCreated:*} are skipped, a missing size reads as -1.
 */
public final class S3EventRecords {

  private S3EventRecords() {}

  public static List<ObjectCreated> created(S3Event event) {
    List<ObjectCreated> created = new ArrayList<>();
    if (event == null || event.getRecords() == null) {
      return created;
    }
    for (S3EventNotificationRecord record : event.getRecords()) {
      String name = record.getEventName();
      if (name == null || !name.startsWith("ObjectCreated:")) {
        continue;
      }
      if (record.getS3() == null || record.getS3().getBucket() == null
          || record.getS3().getObject() == null || record.getS3().getObject().getKey() == null) {
        throw new IllegalArgumentException("S3 record without bucket name or object key");
      }
      S3ObjectEntity object = record.getS3().getObject();
      Long size = object.getSizeAsLong();
      created.add(new ObjectCreated(record.getS3().getBucket().getName(),
          URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8),
          size == null ? -1 : size, object.geteTag(), object.getSequencer()));
    }
    return created;
  }
}
