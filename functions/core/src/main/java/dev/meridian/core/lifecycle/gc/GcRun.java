package dev.meridian.core.lifecycle.gc;

import java.time.Instant;
import java.util.List;

/**
 * One garbage collection run of one region, as {@code GET /meridian/v1/gc/runs} lists it.
 *
 * @param dryRun whether it only reported (then the counts say what a run would delete)
 * @param blobsKept blobs condemned but claimed by a push before their deletion, so kept
 * @param blobs the blobs deleted (or that would be), at most {@link #LISTED} of them
 * @param manifests the manifest objects deleted (or that would be), at most {@link #LISTED}
 */
public record GcRun(String id, String region, boolean dryRun, Instant startedAt,
    Instant finishedAt, int manifestsScanned, int blobsScanned, int blobsDeleted,
    int manifestsDeleted, long bytesFreed, int blobsKept, int blobsAdopted,
    List<String> blobs, List<String> manifests) {
  public static final int LISTED = 1000;

  public GcRun {
    blobs = List.copyOf(blobs.subList(0, Math.min(LISTED, blobs.size())));
    manifests = List.copyOf(manifests.subList(0, Math.min(LISTED, manifests.size())));
  }
}
