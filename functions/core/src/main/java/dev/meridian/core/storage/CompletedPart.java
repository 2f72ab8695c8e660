package dev.meridian.core.storage;

/** A multipart part that has been uploaded: its 1-based number, ETag and size. */
public record CompletedPart(int partNumber, String eTag, long size) {}
