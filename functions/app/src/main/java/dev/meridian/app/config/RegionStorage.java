package dev.meridian.app.config;

import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.UploadSessionStore;

/**
 * One region's storage ports. {@code aws.AwsStorageAutoConfiguration} provides the AWS adapters;
 * tests and the local runtime may register their own instance, which then wins.
 */
public record RegionStorage(ObjectStore objects, MetadataIndex index, UploadSessionStore uploads) {}
