package dev.meridian.cli.transfer;

import dev.meridian.cli.error.CliException;
import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.image.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies one image in dependency order, as registries require (docs/api.md "Manifests"): every
 * blob (in parallel, {@code jobs} at a time, skipping those already there), then the children of
 * an index by digest, then the top manifest.
 */
public final class Transfer {

  private final int jobs;
  private final Progress progress;

  public Transfer(int jobs, Progress progress) {
    this.jobs = Math.max(1, jobs);
    this.progress = progress;
  }

  public Manifest copy(ImageSource source, ImageDestination destination) {
    Manifest top = source.manifest();
    List<Manifest> images = new ArrayList<>();
    if (top.isIndex()) {
      top.children().forEach(child -> images.add(source.child(child)));
    } else {
      images.add(top);
    }
    Map<String, Descriptor> blobs = new LinkedHashMap<>();
    images.forEach(image -> image.blobs().forEach(b -> blobs.putIfAbsent(b.digest(), b)));
    copyBlobs(source, destination, List.copyOf(blobs.values()));
    if (top.isIndex()) {
      images.forEach(child -> destination.putManifest(child, false));
    }
    destination.putManifest(top, true);
    destination.commit();
    return top;
  }

  private void copyBlobs(ImageSource source, ImageDestination destination, List<Descriptor> blobs) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, blobs.size())), r -> {
      Thread t = new Thread(r, "meridian-blob");
      t.setDaemon(true);
      return t;
    });
    try (Progress.Display display = progress.start()) {
      List<Future<?>> futures = new ArrayList<>();
      for (Descriptor blob : blobs) {
        futures.add(pool.submit(() -> copyBlob(source, destination, blob)));
      }
      for (Future<?> future : futures) {
        await(future);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void copyBlob(ImageSource source, ImageDestination destination, Descriptor blob) {
    Progress.Tracker tracker = progress.track(blob);
    if (destination.hasBlob(blob)) {
      tracker.skipped();
      return;
    }
    destination.putBlob(blob, source.blob(blob), tracker);
    tracker.done();
  }

  private static void await(Future<?> future) {
    try {
      future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw CliException.io(String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.io("interrupted");
    }
  }
}
