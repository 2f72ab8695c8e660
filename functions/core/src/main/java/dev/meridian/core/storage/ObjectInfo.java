package dev.meridian.core.storage;

/** What HEAD says of an object. {@code contentType} may be null. */
public record ObjectInfo(String key, long size, String eTag, String contentType) {}
