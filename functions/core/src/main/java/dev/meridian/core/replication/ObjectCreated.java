package dev.meridian.core.replication;

/**
 * One S3 ObjectCreated notification for a region's bucket, as the runtimes decode it from S3's
 * event JSON ({@code Records[].s3.bucket.name}, URL-decoded {@code object.key}, {@code size},
 * {@code eTag}, {@code sequencer}). Delivery is at-least-once and unordered; {@link Replicator}
 * reads the object's current state rather than trusting the notification's order.
 */
public record ObjectCreated(String bucket, String key, long size, String eTag, String sequencer) {}
