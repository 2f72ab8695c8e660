package dev.meridian.cli.registry;

import dev.meridian.cli.error.CliException;
import dev.meridian.cli.error.ExitCode;
import dev.meridian.cli.http.BulkHttp;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.http.RegistryErrors;
import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.transfer.BlobContent;
import dev.meridian.cli.transfer.Progress;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meridian's direct uploads (docs/uploads.md, "Direct uploads"): the POST asks for one with
 * {@code Meridian-Upload-Mode: direct}; the registry answers presigned S3 UploadPart URLs, the
 * parts go straight to storage in parallel (around the Lambda body limit), and {@code PUT
 * ?digest=} completes, repeated while the registry answers 202 verifying.
 *
 * <p>By default only where the registry limits a request's body ({@code OCI-Chunk-Max-Length},
 * Meridian on Lambda); elsewhere one streamed PATCH costs less ({@link #standardSufficed}).
 *
 * <p>Blobs under {@link #THRESHOLD} (one part anyway), and registries that answer the POST with a
 * standard session (no {@code Meridian-Upload-Mode: direct}: CNCF distribution, any other
 * registry), go through {@link StandardUploader} — in the session already opened.
 *
 * <p>Memory stays bounded: each part is streamed from the content at its offset
 * ({@link BlobContent#openAt}), never buffered.
 */
public final class DirectUploader implements BlobUploader {

  /** The registry's default part size: smaller blobs gain nothing from parallel parts. */
  public static final long THRESHOLD = 8L * 1024 * 1024;
  static final int PARALLEL_PARTS = 4;
  static final int RETRIES = 4;
  /** The most URLs one answer lists (docs/uploads.md). */
  static final int MAX_URLS = 1000;
  private static final Duration BACKOFF = Duration.ofMillis(500);
  /** How long the completing PUT is repeated while the registry verifies (a TiB hashes for ~2 h). */
  private static final Duration VERIFY_TIMEOUT = Duration.ofHours(3);
  private static final Pattern S3_CODE = Pattern.compile("<Code>([^<]{1,64})</Code>");

  private final StandardUploader standard;
  private final long threshold;
  /** Where sessions are kept for a later run to resume; null: no resuming. */
  private final UploadJournal journal;
  /** Direct whenever offered; else only to registries that limit a request's body ({@link #upload}). */
  private final boolean always;
  /** Registries seen limiting request bodies in this run: their next blobs go direct at once. */
  private final java.util.Set<String> bodyLimited = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public DirectUploader(StandardUploader standard) {
    this(standard, THRESHOLD, null, true);
  }

  /**
   * Resuming, across runs, the sessions recorded in the user's cache directory ({@link
   * UploadJournal}); {@code always}: direct whenever the registry offers it, not only where it
   * limits request bodies.
   */
  public DirectUploader(StandardUploader standard, java.util.Map<String, String> env, boolean always) {
    this(standard, THRESHOLD, UploadJournal.inCache(env), always);
  }

  DirectUploader(StandardUploader standard, long threshold) {
    this(standard, threshold, null, true);
  }

  DirectUploader(StandardUploader standard, long threshold, UploadJournal journal) {
    this(standard, threshold, journal, true);
  }

  DirectUploader(StandardUploader standard, long threshold, UploadJournal journal, boolean always) {
    this.standard = standard;
    this.threshold = threshold;
    this.journal = journal;
    this.always = always;
  }

  @Override
  public void upload(Repository repository, Descriptor blob, BlobContent content, Progress.Tracker progress) {
    if (blob.size() < threshold) {
      standard.upload(repository, blob, content, progress);
      return;
    }
    RegistryClient client = repository.client();
    if (journal != null) {
      UploadJournal.Entry saved = journal.find(client.host(), repository.name(), blob.digest()).orElse(null);
      if (saved != null && resume(repository, blob, content, progress, saved)) {
        return;
      }
    }
    String open = "/v2/" + repository.name() + "/blobs/uploads/";
    if (!always && !bodyLimited.contains(client.host()) && standardSufficed(repository, blob, content, progress)) {
      return;
    }
    HttpResponse<byte[]> session = client.send(HttpRequest.newBuilder(client.resolve(open))
        .header("Meridian-Upload-Mode", "direct")
        .header("Meridian-Upload-Length", Long.toString(blob.size()))
        .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray());
    if (session.statusCode() == 201) {
      return; // the registry holds it already
    }
    if (session.statusCode() != 202) {
      throw RegistryErrors.of(session, "POST " + open);
    }
    if (!session.headers().firstValue("Meridian-Upload-Mode").orElse("").equalsIgnoreCase("direct")) {
      standard.uploadIn(repository, session, blob, content, progress);
      return;
    }
    URI location = StandardUploader.location(session);
    progress.via("direct");
    PartUrls urls = new PartUrls(client, location, DirectPlan.parse(session.body(), "POST " + open));
    finish(repository, blob, content, progress, location, urls, new java.util.TreeSet<>());
  }

  /**
   * The default: a standard session first. Where the registry takes the whole blob in one request
   * (it advertises no {@code OCI-Chunk-Max-Length}: the local runtime, CNCF distribution) the
   * bytes go in one streamed PATCH through it and true is returned. Measured on the local runtime
   * (docs/benchmarks.md), a direct upload costs the registry more CPU than that PATCH, which it
   * hashes as it streams: s3proxy assembles the parts and the registry reads the object back to
   * verify it. Where the registry limits bodies (Meridian on Lambda: ~6 MB), the session is
   * cancelled and false returned: the caller goes direct, as does every later blob to that registry.
   */
  private boolean standardSufficed(Repository repository, Descriptor blob, BlobContent content,
      Progress.Tracker progress) {
    RegistryClient client = repository.client();
    String open = "/v2/" + repository.name() + "/blobs/uploads/";
    HttpResponse<byte[]> session = client.send(HttpRequest.newBuilder(client.resolve(open))
        .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray());
    if (session.statusCode() == 201) {
      return true; // the registry holds it already
    }
    if (session.statusCode() != 202) {
      throw RegistryErrors.of(session, "POST " + open);
    }
    if (StandardUploader.chunkSize(session).filter(max -> max < blob.size()).isEmpty()) {
      standard.uploadIn(repository, session, blob, content, progress);
      return true;
    }
    bodyLimited.add(client.host());
    cancel(client, StandardUploader.location(session));
    return false;
  }

  /** Sends the parts not yet {@code done}, then completes; the session is cancelled on failure. */
  private void finish(Repository repository, Descriptor blob, BlobContent content, Progress.Tracker progress,
      URI location, PartUrls urls, java.util.Set<Integer> done) {
    RegistryClient client = repository.client();
    boolean finished = false;
    // An interrupted run (killed, Ctrl-C) leaves this record and the session for the next one.
    Runnable record = journal == null ? () -> { }
        : () -> journal.save(client.host(), repository.name(), blob.digest(), location, urls.partCount(), done);
    record.run();
    try {
      sendParts(client, urls, blob, content, progress, done, record);
      complete(client, location, blob);
      finished = true;
    } finally {
      if (!finished) {
        cancel(client, location);
      }
      if (journal != null) {
        journal.forget(client.host(), repository.name(), blob.digest());
      }
    }
  }

  /**
   * Picks up a session an earlier run recorded: still taking parts (the status GET answers 204),
   * its missing parts are sent; already verifying (202), it is completed. False when it is gone
   * (expired, completed, cancelled): the caller starts anew.
   */
  private boolean resume(Repository repository, Descriptor blob, BlobContent content, Progress.Tracker progress,
      UploadJournal.Entry saved) {
    RegistryClient client = repository.client();
    HttpResponse<byte[]> status;
    try {
      status = client.at(saved.location()).send(HttpRequest.newBuilder(saved.location()).GET(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (CliException e) {
      journal.forget(client.host(), repository.name(), blob.digest());
      return false;
    }
    boolean verifying = status.statusCode() == 202
        && status.headers().firstValue("Meridian-Upload-Status").orElse("").equalsIgnoreCase("verifying");
    if (status.statusCode() != 204 && !verifying) {
      journal.forget(client.host(), repository.name(), blob.digest());
      return false;
    }
    PartUrls urls = new PartUrls(client, saved.location(), saved.partCount());
    java.util.Set<Integer> done = new java.util.TreeSet<>(verifying ? allParts(saved.partCount()) : saved.done());
    progress.via("direct, resumed: " + done.size() + " of " + saved.partCount() + " parts sent before");
    if (!verifying) {
      for (int n : done) {
        progress.add(urls.get(n).length());
      }
    }
    finish(repository, blob, content, progress, saved.location(), urls, done);
    return true;
  }

  private static java.util.Set<Integer> allParts(int count) {
    java.util.Set<Integer> all = new java.util.TreeSet<>();
    for (int n = 1; n <= count; n++) {
      all.add(n);
    }
    return all;
  }

  private void sendParts(RegistryClient client, PartUrls urls, Descriptor blob, BlobContent content,
      Progress.Tracker progress, java.util.Set<Integer> done, Runnable record) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_PARTS, urls.partCount()), r -> {
      Thread t = new Thread(r, "meridian-part");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int n = 1; n <= urls.partCount(); n++) {
        if (done.contains(n)) {
          continue;
        }
        int number = n;
        parts.add(pool.submit(() -> {
          sendPart(urls, number, blob, content, progress, client);
          synchronized (done) {
            done.add(number);
            record.run();
          }
        }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CliException failure) {
        throw failure;
      }
      throw CliException.io("uploading blob " + blob.digest() + ": " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.io("interrupted");
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * PUTs one part to its URL; on 5xx, 429 or I/O again after a backoff, on 403 (the URL expired,
   * or the credentials that signed it did) with a fresh URL — at most {@link #RETRIES} times.
   * The part's bytes count into the blob's progress as they are read, and out again on failure.
   */
  private void sendPart(PartUrls urls, int number, Descriptor blob, BlobContent content, Progress.Tracker progress,
      RegistryClient client) {
    int failures = 0;
    while (true) {
      DirectPlan.Part part = urls.get(number);
      AtomicLong sent = new AtomicLong();
      int status;
      String detail;
      // A storage URL: the registry client adds no Authorization header to another host (S3
      // refuses a request signed twice, by the URL and by a header).
      try (BlobBody body = new BlobBody(content, part.offset(), part.length());
          BulkHttp.Response response = client.bulk("PUT", part.url(), java.util.Map.of(), body, n -> {
            sent.addAndGet(n);
            progress.add(n);
          })) {
        if (response.status() / 100 == 2) {
          return;
        }
        status = response.status();
        Matcher code = S3_CODE.matcher(response.text());
        detail = "HTTP " + status + (code.find() ? " " + code.group(1) : "");
      } catch (UncheckedIOException e) {
        throw CliException.io("reading blob " + blob.digest() + ": " + e.getCause().getMessage());
      } catch (CliException e) {
        if (e.exitCode() != ExitCode.SERVER) {
          throw e;
        }
        status = 0;
        detail = e.getMessage();
      }
      progress.add(-sent.get());
      boolean transient_ = status == 0 || status == 403 || status == 429 || status >= 500;
      if (!transient_ || ++failures > RETRIES) {
        // the URL is a credential until it expires: name its host only
        throw new CliException(status == 0 ? ExitCode.SERVER : ExitCode.ofStatus(status), "STORAGE",
            "PUT part " + number + " of blob " + blob.digest() + " to " + part.url().getHost() + ": " + detail);
      }
      if (status == 403) {
        urls.expired(part);
      } else {
        StandardUploader.sleep(BACKOFF.multipliedBy(1L << (failures - 1)));
      }
    }
  }

  /** {@code PUT ?digest=}, repeated while the registry answers 202 verifying (docs/uploads.md step 4). */
  private static void complete(RegistryClient client, URI location, Descriptor blob) {
    URI put = StandardUploader.withQuery(location, "digest=" + RegistryClient.encode(blob.digest()));
    Instant deadline = Instant.now().plus(VERIFY_TIMEOUT);
    while (true) {
      HttpResponse<byte[]> done = client.at(put).send(HttpRequest.newBuilder(put)
          .PUT(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray());
      boolean verifying = done.statusCode() == 202
          && done.headers().firstValue("Meridian-Upload-Status").orElse("").equalsIgnoreCase("verifying");
      if (done.statusCode() == 201) {
        return;
      }
      if (!verifying) {
        throw RegistryErrors.of(done, "PUT blob " + blob.digest());
      }
      if (Instant.now().isAfter(deadline)) {
        throw CliException.io("the registry was still verifying blob " + blob.digest() + " after " + VERIFY_TIMEOUT);
      }
      long seconds = done.headers().firstValue("Retry-After").map(DirectUploader::seconds).orElse(1L);
      StandardUploader.sleep(Duration.ofSeconds(Math.max(1, Math.min(5, seconds))));
    }
  }

  private static long seconds(String retryAfter) {
    try {
      return Long.parseLong(retryAfter.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** Best effort: the registry aborts the multipart upload now instead of at the session's expiry. */
  private static void cancel(RegistryClient client, URI location) {
    try {
      client.at(location).send(HttpRequest.newBuilder(location).DELETE(), HttpResponse.BodyHandlers.discarding());
    } catch (RuntimeException ignored) {
      // the failure being reported matters more; the session expires anyway
    }
  }
}
