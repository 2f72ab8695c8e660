package dev.meridian.local.builds;

import dev.meridian.local.TestAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/** The builds and registry APIs of one local runtime, over real HTTP. */
final class BuildsHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration LIMIT = Duration.ofMinutes(3);
  private static final Set<String> TERMINAL =
      Set.of("Succeeded", "Failed", "Canceled", "Timeout", "Error");
  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  private final String authorization;

  /** Signed in as the bootstrap admin. */
  BuildsHttp() {
    this(TestAdmin.BASIC);
  }

  /** Signed in with {@code authorization} (an {@code Authorization} header value). */
  BuildsHttp(String authorization) {
    this.authorization = authorization;
  }

  /** The same APIs, signed in as {@code user}. */
  BuildsHttp as(String user, String password) {
    return new BuildsHttp(TestAdmin.basic(user, password));
  }

  HttpResponse<String> send(URI base, String method, String path, byte[] body, String accept) {
    return send(base, method, path, body, accept, null);
  }

  /** As above, with a {@code Content-Type} (null: none). */
  HttpResponse<String> send(URI base, String method, String path, byte[] body, String accept,
      String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    if (accept != null) {
      b.header("Accept", accept);
    }
    try {
      b.header("Authorization", authorization);
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode json(URI base, String method, String path, String body, int expected) {
    HttpResponse<String> r = send(base, method, path,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8), null);
    if (r.statusCode() != expected) {
      throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Uploads a context tar.gz; returns its {@code sha256:…}. */
  String upload(URI base, byte[] tarGz) {
    HttpResponse<String> r = send(base, "POST", "/meridian/v1/builds/contexts", tarGz, null);
    if (r.statusCode() != 201) {
      throw new AssertionError("upload: " + r.statusCode() + " " + r.body());
    }
    try {
      return JSON.readTree(r.body()).get("context").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Enqueues; returns the run ID. */
  String enqueue(URI base, String body) {
    return json(base, "POST", "/meridian/v1/builds", body, 202).get("runId").asText();
  }

  /** Polls the run (from {@code base}, any region) until it reaches a terminal state. */
  JsonNode awaitFinished(URI base, String runId) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (true) {
      JsonNode run = json(base, "GET", "/meridian/v1/builds/" + runId, null, 200);
      if (TERMINAL.contains(run.get("status").asText())) {
        return run;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("run " + runId + " not finished within " + LIMIT + ": " + run);
      }
      sleep();
    }
  }

  /** Polls {@code GET path} until it answers 200 (replication is asynchronous). */
  HttpResponse<String> awaitOk(URI base, String path, String accept) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (true) {
      HttpResponse<String> r = send(base, "GET", path, null, accept);
      if (r.statusCode() == 200) {
        return r;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("GET " + base + path + " not 200 within " + LIMIT + ": "
            + r.statusCode() + " " + r.body());
      }
      sleep();
    }
  }

  /** A blob's bytes (following the 307 to its storage). */
  byte[] blob(URI base, String repository, String digest) {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        base.resolve("/v2/" + repository + "/blobs/" + digest)).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new AssertionError("blob " + digest + ": " + r.statusCode());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String log(URI base, String runId) {
    HttpResponse<String> r = send(base, "GET", "/meridian/v1/builds/" + runId + "/logs", null,
        null);
    if (r.statusCode() != 200) {
      throw new AssertionError("log of " + runId + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
