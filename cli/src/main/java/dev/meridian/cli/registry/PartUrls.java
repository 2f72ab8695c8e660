package dev.meridian.cli.registry;

import dev.meridian.cli.error.CliException;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.http.RegistryErrors;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A direct upload's presigned part URLs, shared by the part senders: the POST's answer carries
 * the first 1,000; {@code PATCH <session>?parts=a-b} (no body) gives more, and fresh ones for URLs
 * near their {@code expiresAt} or refused by S3 (docs/uploads.md step 3). A PATCH, not a GET: on
 * AWS GETs reach the pull function, whose role may not write, so a URL it signed would be refused.
 */
final class PartUrls {

  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

  private final RegistryClient client;
  private final URI location;
  private final int partCount;
  private final Map<Integer, DirectPlan.Part> known = new HashMap<>();

  PartUrls(RegistryClient client, URI location, DirectPlan first) {
    this(client, location, first.partCount());
    add(first);
  }

  /** A resumed session's: every URL is asked for when first needed. */
  PartUrls(RegistryClient client, URI location, int partCount) {
    this.client = client;
    this.location = location;
    this.partCount = partCount;
  }

  int partCount() {
    return partCount;
  }

  /** Part {@code number}'s URL, asked for (with the next ones) when missing or about to expire. */
  synchronized DirectPlan.Part get(int number) {
    DirectPlan.Part part = known.get(number);
    if (part == null || Instant.now().plus(EXPIRY_MARGIN).isAfter(part.expiresAt())) {
      fetch(number);
      part = known.get(number);
      if (part == null) {
        throw CliException.io("the registry listed no URL for part " + number + " of " + partCount);
      }
    }
    return part;
  }

  /** S3 refused {@code stale}: ask again, unless another sender already did. */
  synchronized void expired(DirectPlan.Part stale) {
    if (known.get(stale.number()) == stale) {
      fetch(stale.number());
    }
  }

  private void fetch(int from) {
    int to = Math.min(partCount, from + DirectUploader.MAX_URLS - 1);
    String range = "parts=" + from + "-" + to;
    URI uri = StandardUploader.withQuery(location, range);
    HttpResponse<byte[]> response = client.at(uri).send(HttpRequest.newBuilder(uri)
        .method("PATCH", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw RegistryErrors.of(response, "PATCH upload ?" + range);
    }
    add(DirectPlan.parse(response.body(), "PATCH upload ?" + range));
  }

  private void add(DirectPlan plan) {
    for (DirectPlan.Part part : plan.parts()) {
      known.put(part.number(), part);
    }
  }
}
