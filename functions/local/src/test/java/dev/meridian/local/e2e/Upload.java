package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

/**
 * One blob upload session driven by hand: POST, PATCHes with Content-Range, PUT ?digest=. The
 * chunk size honours {@code OCI-Chunk-Min-Length} when the registry advertises one (distribution
 * 2.8.2 does not; Meridian does, because chunks become S3 multipart parts).
 */
final class Upload {

  final int chunk;
  private final PlainHttp http;
  private URI location;
  private long offset;

  private Upload(PlainHttp http, URI location, int chunk) {
    this.http = http;
    this.location = location;
    this.chunk = chunk;
  }

  static Upload start(PlainHttp http, String repository) {
    HttpResponse<byte[]> post = http.send(http.request("/v2/" + repository + "/blobs/uploads/")
        .POST(BodyPublishers.noBody()).build());
    assertThat(post.statusCode()).as(PlainHttp.describe(post)).isEqualTo(202);
    long min = post.headers().firstValueAsLong("OCI-Chunk-Min-Length").orElse(0);
    int chunk = (int) Math.max(min, 256 * 1024);
    return new Upload(http, locationOf(post), chunk);
  }

  /** PATCHes the whole blob in {@link #chunk}-sized pieces (the last one shorter). */
  Upload patchAll(byte[] blob) {
    while (offset < blob.length) {
      patch(blob, (int) offset, (int) Math.min(chunk, blob.length - offset));
    }
    return this;
  }

  /** One PATCH that must be accepted: 202, a new Location, and Range covering all bytes so far. */
  void patch(byte[] blob, int from, int length) {
    HttpResponse<byte[]> response = sendPatch(blob, from, length);
    assertThat(response.statusCode()).as(PlainHttp.describe(response)).isEqualTo(202);
    assertThat(response.headers().firstValue("Range")).contains("0-" + (from + length - 1));
    location = locationOf(response);
    offset = from + length;
  }

  HttpResponse<byte[]> sendPatch(byte[] blob, int from, int length) {
    return http.send(http.request(location.toString())
        .header("Content-Type", "application/octet-stream")
        .header("Content-Range", from + "-" + (from + length - 1))
        .method("PATCH", BodyPublishers.ofByteArray(blob, from, length))
        .build());
  }

  /** Closes the session with the rest of the blob (possibly all of it) and checks the answer. */
  String finish(byte[] blob) {
    String digest = PlainHttp.sha256(blob);
    byte[] rest = java.util.Arrays.copyOfRange(blob, (int) offset, blob.length);
    HttpResponse<byte[]> put = sendPut(digest, rest);
    assertThat(put.statusCode()).as(PlainHttp.describe(put)).isEqualTo(201);
    assertThat(put.headers().firstValue("Docker-Content-Digest")).contains(digest);
    assertThat(put.headers().firstValue("Location")).isPresent();
    return digest;
  }

  HttpResponse<byte[]> sendPut(String digest, byte[] body) {
    String url = location.toString();
    url += (url.contains("?") ? "&" : "?") + "digest=" + digest;
    var builder = http.request(url).PUT(BodyPublishers.ofByteArray(body));
    if (body.length > 0) {
      builder.header("Content-Type", "application/octet-stream");
    }
    return http.send(builder.build());
  }

  private static URI locationOf(HttpResponse<byte[]> response) {
    String location = response.headers().firstValue("Location")
        .orElseThrow(() -> new AssertionError("no Location: " + PlainHttp.describe(response)));
    return response.uri().resolve(location);
  }
}
