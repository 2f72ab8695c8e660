package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A direct-upload client as docs/uploads.md describes it, on plain {@code java.net.http}: POST
 * with {@code Meridian-Upload-Mode: direct}, PUT every part to its presigned URL in parallel
 * (straight to the object store, without the registry's credentials), then PUT {@code ?digest=}
 * through the registry, repeated while it answers 202.
 */
final class DirectUploadClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient storage = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final PlainHttp registry;

  DirectUploadClient(PlainHttp registry) {
    this.registry = registry;
  }

  /** The POST's answer: the session's Location and the part plan with the first URLs. */
  record Started(HttpResponse<byte[]> response, String location, JsonNode plan) {}

  Started start(String repository, long length) {
    HttpResponse<byte[]> post = registry.send(registry.request("/v2/" + repository
            + "/blobs/uploads/")
        .header("Meridian-Upload-Mode", "direct")
        .header("Meridian-Upload-Length", Long.toString(length))
        .POST(BodyPublishers.noBody()).build());
    assertThat(post.statusCode()).as(PlainHttp.describe(post)).isEqualTo(202);
    assertThat(post.headers().firstValue("Meridian-Upload-Mode")).hasValue("direct");
    try {
      return new Started(post, post.headers().firstValue("Location").orElseThrow(),
          JSON.readTree(post.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** PUTs every part of the plan to its URL at once; returns how many parts went. */
  int putParts(Started started, byte[] blob) {
    List<CompletableFuture<HttpResponse<String>>> puts = new ArrayList<>();
    for (JsonNode part : started.plan().get("parts")) {
      int offset = part.get("offset").asInt();
      int length = part.get("length").asInt();
      HttpRequest put = HttpRequest.newBuilder(URI.create(part.get("url").asText()))
          .timeout(Duration.ofSeconds(120))
          .PUT(BodyPublishers.ofByteArray(blob, offset, length)).build();
      puts.add(storage.sendAsync(put, BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> put : puts) {
      HttpResponse<String> done = put.join();
      assertThat(done.statusCode()).as(done.uri() + " → " + done.body()).isEqualTo(200);
    }
    return puts.size();
  }

  /** {@code PUT <location>?digest=}: one completion request. */
  HttpResponse<byte[]> complete(String location, String digest) {
    String separator = location.contains("?") ? "&" : "?";
    return registry.send(registry.request(location + separator + "digest=" + digest)
        .PUT(BodyPublishers.noBody()).build());
  }

  /** Completes and repeats the PUT while it answers 202 (at most {@code rounds} times). */
  List<HttpResponse<byte[]>> completeUntilDone(String location, String digest, int rounds) {
    List<HttpResponse<byte[]>> answers = new ArrayList<>();
    HttpResponse<byte[]> answer;
    String status = location;
    do {
      answer = complete(status, digest);
      answers.add(answer);
      status = answer.headers().firstValue("Location").orElse(status); // the status URL
    } while (answer.statusCode() == 202 && answers.size() < rounds);
    return answers;
  }
}
