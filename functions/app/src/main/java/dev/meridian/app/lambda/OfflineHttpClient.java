package dev.meridian.app.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that never opens a connection: it reads each S3 or DynamoDB request the SDK
 * marshalled and signed, and answers it in memory the way an empty bucket and an empty table
 * would — reads find nothing, writes succeed and are forgotten. SnapStart priming runs a synthetic
 * push through the real adapters and SDK pipelines over it ({@link PushPriming}), so that the
 * upload, copy, item-write and error-parsing code is loaded and has run before the snapshot
 * without anything being stored anywhere.
 */
final class OfflineHttpClient implements SdkHttpClient {
  private static final String DYNAMODB_TARGET = "DynamoDB_20120810.";

  private final AtomicInteger requests = new AtomicInteger();

  /** How many requests it has answered. */
  int requests() {
    return requests.get();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        requests.incrementAndGet();
        byte[] body = request.contentStreamProvider().isPresent()
            ? readAll(request.contentStreamProvider().get().newStream())
            : new byte[0];
        SdkHttpRequest http = request.httpRequest();
        String target = http.firstMatchingHeader("X-Amz-Target").orElse("");
        return target.startsWith(DYNAMODB_TARGET)
            ? dynamoDb(target.substring(DYNAMODB_TARGET.length()))
            : s3(http, body);
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public String clientName() {
    return "meridian-offline";
  }

  @Override
  public void close() {}

  /** An empty table: items are absent, queries empty, every write accepted. */
  private static HttpExecuteResponse dynamoDb(String operation) {
    String json = switch (operation) {
      case "Query", "Scan" -> "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}";
      case "BatchGetItem" -> "{\"Responses\":{},\"UnprocessedKeys\":{}}";
      case "BatchWriteItem" -> "{\"UnprocessedItems\":{}}";
      case "TransactGetItems" -> "{\"Responses\":[]}";
      default -> "{}"; // GetItem: no item; PutItem, UpdateItem, DeleteItem, TransactWriteItems: done
    };
    return response(200, Map.of("Content-Type", "application/x-amz-json-1.0"), json);
  }

  /** An empty bucket (S3 REST: status, headers and XML as S3 answers). */
  private static HttpExecuteResponse s3(SdkHttpRequest http, byte[] body) {
    Map<String, List<String>> query = http.rawQueryParameters();
    return switch (http.method()) {
      case GET -> response(404, Map.of("Content-Type", "application/xml"),
          "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
              + "</Error>");
      case HEAD -> response(404, Map.of(), "");
      case DELETE -> response(204, Map.of(), "");
      case POST -> query.containsKey("uploads")
          ? response(200, Map.of("Content-Type", "application/xml"),
              "<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key>"
                  + "<UploadId>meridian-priming</UploadId></InitiateMultipartUploadResult>")
          : response(200, Map.of("Content-Type", "application/xml"),
              "<CompleteMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><ETag>"
                  + etag(body) + "</ETag></CompleteMultipartUploadResult>");
      default -> http.firstMatchingHeader("x-amz-copy-source").isPresent()
          ? response(200, Map.of("Content-Type", "application/xml"),
              "<CopyObjectResult><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"
                  + etag(body) + "</ETag></CopyObjectResult>")
          : response(200, Map.of("ETag", etag(body)), ""); // PutObject, UploadPart
    };
  }

  private static HttpExecuteResponse response(int status, Map<String, String> headers,
      String body) {
    SdkHttpResponse.Builder r = SdkHttpResponse.builder().statusCode(status)
        .putHeader("x-amz-request-id", "meridian-priming");
    headers.forEach(r::putHeader);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpExecuteResponse.Builder out = HttpExecuteResponse.builder().response(r.build());
    if (bytes.length > 0) {
      r.putHeader("Content-Length", Integer.toString(bytes.length));
      out.response(r.build())
          .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)));
    }
    return out.build();
  }

  /** S3's ETag of a single-part object: the quoted MD5 of its bytes. */
  private static String etag(byte[] body) {
    try {
      return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
