package dev.meridian.local.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.aws.AwsClients;
import dev.meridian.aws.dynamodb.DynamoDbEventLog;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.naming.Seed;
import dev.meridian.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Push to one region, pull from the others: the whole path through the local runtime — real
 * HTTP, s3proxy's emulated ObjectCreated notifications, the {@code replicate} functions over the
 * AWS SDK adapters on s3proxy and DynamoDB Local — with no faults and no reconcile.
 */
class PushReplicatesEndToEndTest {

  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final String REPO = "e2e/app";
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = ReplicationRuntimes.onDemand();
  }

  @AfterAll
  static void stop() {
    ReplicationRuntimes.stop(runtime);
  }

  @Test
  void push_toEastus_isPullableEverywhere_andReplicatedIsRecordedOncePerChange() {
    OciHttpClient.Image image =
        OciHttpClient.pushImage(runtime.regionEndpoint("eastus"), REPO, "v1", "first");

    for (String region : List.of("westeurope", "canadacentral")) {
      URI endpoint = runtime.regionEndpoint(region);
      Eventually.await(REPO + ":v1 pullable in " + region, LIMIT,
          () -> OciHttpClient.getManifest(endpoint, REPO, "v1").statusCode() == 200);
      HttpResponse<byte[]> manifest = OciHttpClient.getManifest(endpoint, REPO, "v1");
      assertThat(OciHttpClient.digest(manifest.body())).isEqualTo(image.digest());
      for (String blob : image.blobs()) {
        HttpResponse<byte[]> got = OciHttpClient.getBlob(endpoint, REPO, blob);
        assertThat(got.statusCode()).as("%s in %s", blob, region).isEqualTo(200);
        assertThat(OciHttpClient.digest(got.body())).isEqualTo(blob);
      }
    }
    // The manifest and the tag record are two changes, but a push by tag is announced once, by
    // its tag record: one push event per region and one replicated event at the origin.
    Eventually.await("a replicated event in eastus", LIMIT,
        () -> replicated(events("eastus"), image.digest()).size() == 1);
    runtime.awaitReplicationIdle(LIMIT);

    assertThat(replicated(events("eastus"), image.digest()))
        .extracting(RegistryEvent::tag).containsExactly("v1");
    for (String peer : List.of("westeurope", "canadacentral")) {
      assertThat(events(peer))
          .filteredOn(e -> e.action() == EventAction.PUSH && image.digest().equals(e.digest()))
          .as("push events in %s", peer)
          .extracting(RegistryEvent::tag).containsExactly("v1");
      assertThat(events(peer)).allSatisfy(e -> assertThat(e.originSeed()).isEqualTo(new Seed("aa")));
    }
  }

  private static List<RegistryEvent> replicated(List<RegistryEvent> events, String digest) {
    return events.stream()
        .filter(e -> e.action() == EventAction.REPLICATED && digest.equals(e.digest())).toList();
  }

  /** The region's event log, read from its table. */
  private static List<RegistryEvent> events(String region) {
    MeridianProperties p = runtime.regionProperties(region);
    try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(p.dynamoDbConnection())) {
      return new DynamoDbEventLog(dynamoDb, p.table()).readAfter(0, 1000);
    }
  }
}
