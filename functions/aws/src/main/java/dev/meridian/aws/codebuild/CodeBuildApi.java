package dev.meridian.aws.codebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The three CodeBuild actions the build runner uses — {@code StartBuild}, {@code BatchGetBuilds},
 * {@code StopBuild} — over CodeBuild's JSON 1.1 protocol ({@code X-Amz-Target:
 * CodeBuild_20161006.<Action>}), signed with the SDK's own SigV4 signer. Why not the SDK's
 * {@code codebuild} module: it is not served by the Maven mirror this project builds from
 * (2.54.13, the BOM's version, was looked up and is missing); the protocol is three small JSON
 * calls, and the SDK's HTTP client, credentials and signer are the ones every other call uses.
 * The IAM actions are the same either way ({@code codebuild:StartBuild}, …).
 */
public final class CodeBuildApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET = "CodeBuild_20161006.";
  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final String region;
  private final URI endpoint;

  /** @param endpoint {@code https://codebuild.<region>.amazonaws.com}, or an emulator's */
  public CodeBuildApi(SdkHttpClient http, AwsCredentialsProvider credentials, String region,
      URI endpoint) {
    this.http = http;
    this.credentials = credentials;
    this.region = region;
    this.endpoint = endpoint;
  }

  /** CodeBuild's public endpoint in {@code region}. */
  public static URI endpointOf(String region) {
    return URI.create("https://codebuild." + region + ".amazonaws.com/");
  }

  /** A build's state: {@code IN_PROGRESS}, {@code SUCCEEDED}, {@code FAILED}, … */
  public record Build(String id, String status, String phase) {
    public boolean done() {
      return !status.equals("IN_PROGRESS");
    }
  }

  /** Starts a build of {@code project} with {@code env} overrides; returns its ID. */
  public String startBuild(String project, Map<String, String> env, int timeoutMinutes,
      String idempotencyToken) {
    ObjectNode body = JSON.createObjectNode().put("projectName", project)
        .put("timeoutInMinutesOverride", timeoutMinutes)
        .put("idempotencyToken", idempotencyToken);
    ArrayNode vars = body.putArray("environmentVariablesOverride");
    new TreeMap<>(env).forEach((k, v) -> vars.addObject().put("name", k).put("value", v)
        .put("type", "PLAINTEXT"));
    return call("StartBuild", body).path("build").path("id").asText();
  }

  public Build get(String id) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("ids").add(id);
    JsonNode builds = call("BatchGetBuilds", body).path("builds");
    if (builds.isEmpty()) {
      throw new IllegalStateException("CodeBuild knows no build " + id);
    }
    JsonNode b = builds.get(0);
    return new Build(id, b.path("buildStatus").asText(), b.path("currentPhase").asText());
  }

  /** Stops build {@code id}; returns its state as CodeBuild answers ({@code STOPPED} …). */
  public Build stop(String id) {
    JsonNode b = call("StopBuild", JSON.createObjectNode().put("id", id)).path("build");
    return new Build(id, b.path("buildStatus").asText("STOPPED"), b.path("currentPhase").asText());
  }

  JsonNode call(String action, ObjectNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", TARGET + action).build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(credentials.resolveCredentials())
        .request(request)
        .payload(ContentStreamProvider.fromByteArray(bytes))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "codebuild")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    try {
      HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
          .request(signed.request()).contentStreamProvider(signed.payload().orElse(null))
          .build()).call();
      byte[] answer;
      Optional<? extends InputStream> stream = response.responseBody();
      try (InputStream in = stream.isPresent() ? stream.get() : InputStream.nullInputStream()) {
        answer = in.readAllBytes();
      }
      if (!response.httpResponse().isSuccessful()) {
        throw new IllegalStateException("CodeBuild " + action + ": "
            + response.httpResponse().statusCode() + " "
            + new String(answer, StandardCharsets.UTF_8));
      }
      return answer.length == 0 ? JSON.createObjectNode() : JSON.readTree(answer);
    } catch (IOException e) {
      throw new UncheckedIOException("CodeBuild " + action + ": " + e.getMessage(), e);
    }
  }
}
