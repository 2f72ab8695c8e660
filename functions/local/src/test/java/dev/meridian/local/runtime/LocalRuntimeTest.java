package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.RegionStorage;
import dev.meridian.aws.AwsClients;
import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.InMemoryUploadSessionStore;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole runtime — DynamoDB Local, s3proxy, a Spring context per region, the fronts — with
 * in-memory ports in place of the AWS adapters (not merged on this branch). Requests go through
 * the {@code pull}/{@code push} function beans.
 */
class LocalRuntimeTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  @TempDir static Path dir;
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() throws Exception {
    Path regions = Files.writeString(dir.resolve("regions"), "eastus aa\nwesteurope ab\n");
    LocalOptions options = new LocalOptions(0, regions, dir.resolve("data"), true,
        BlobDelivery.STREAM);
    runtime = LocalRuntime.start(options, spec -> new RegionStorage(new InMemoryObjectStore(),
        new InMemoryMetadataIndex(), new InMemoryUploadSessionStore()));
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void regions_areThoseOfTheFileInOrder_eachOnItsOwnLoopbackPort() {
    assertThat(runtime.regionNames()).containsExactly("eastus", "westeurope");
    URI east = runtime.regionEndpoint("eastus");
    URI west = runtime.regionEndpoint("westeurope");
    assertThat(east.getHost()).isEqualTo("127.0.0.1");
    assertThat(east.getPort()).isNotEqualTo(west.getPort());
    assertThat(runtime.globalEndpoint().getPort()).isNotIn(east.getPort(), west.getPort());
  }

  @Test
  void versionCheck_answersOnEveryEndpoint() throws Exception {
    for (URI endpoint : new URI[] {runtime.regionEndpoint("eastus"),
        runtime.regionEndpoint("westeurope"), runtime.globalEndpoint()}) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(endpoint.resolve("/v2/")).build());

      assertThat(r.statusCode()).as("%s", endpoint).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{}");
      assertThat(r.headers().firstValue("docker-distribution-api-version")).hasValue("registry/2.0");
    }
  }

  @Test
  void head_carriesTheHandlersContentLength() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(runtime.regionEndpoint("eastus")
        .resolve("/v2/")).method("HEAD", BodyPublishers.noBody()).build());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-length")).hasValue("2");
  }

  @Test
  void pushMethods_reachThePushFunction() throws Exception {
    // DELETE is routed to push, which hands it to the registry's router (bad name: 400).
    HttpResponse<String> r = send(HttpRequest.newBuilder(runtime.regionEndpoint("eastus")
        .resolve("/v2/Bad..Name/manifests/x")).DELETE().build());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("NAME_INVALID");
  }

  @Test
  void bucketsAndTables_existPerRegion_onTheSharedServers() {
    for (String region : runtime.regionNames()) {
      MeridianProperties p = runtime.regionProperties(region);
      assertThat(p.bucket()).isEqualTo("meridian-" + region);
      try (S3Client s3 = AwsClients.s3(p.s3Connection()); DynamoDbClient dynamoDb = AwsClients.dynamoDb(p.dynamoDbConnection())) {
        s3.headBucket(b -> b.bucket(p.bucket()));
        assertThat(dynamoDb.describeTable(d -> d.tableName(p.table())).table().tableName())
            .isEqualTo("meridian-" + region);
      }
    }
    assertThat(runtime.regionProperties("eastus").s3Endpoint())
        .isEqualTo(runtime.regionProperties("westeurope").s3Endpoint());
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return CLIENT.send(request, BodyHandlers.ofString());
  }
}
