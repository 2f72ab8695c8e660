package dev.meridian.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.config.RegionStorage;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.fakes.InMemoryEventLog;
import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.InMemoryUploadSessionStore;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.replication.ObjectCreated;
import dev.meridian.core.replication.Reconciler;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.storage.StorageLayout;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;

/**
 * The {@code replicate} and {@code reconcile} beans as the catalog serves them, wired to the
 * region's event log and manifest endpoints, over a two-region in-memory replica set.
 */
@SpringBootTest(
    classes = {MeridianApplication.class, ReplicationFunctionsTest.TwoRegions.class},
    properties = {"meridian.region=eastus", "meridian.seed=aa"})
class ReplicationFunctionsTest {

  static final InMemoryObjectStore EAST = new InMemoryObjectStore("meridian-eastus");
  static final InMemoryObjectStore WEST = new InMemoryObjectStore("meridian-westeurope");
  static final InMemoryEventLog EAST_EVENTS = new InMemoryEventLog();
  static final InMemoryEventLog WEST_EVENTS = new InMemoryEventLog();

  @TestConfiguration
  static class TwoRegions {
    final InMemoryMetadataIndex eastIndex = new InMemoryMetadataIndex();

    @Bean
    RegionStorage regionStorage() {
      return new RegionStorage(EAST, eastIndex, new InMemoryUploadSessionStore());
    }

    @Bean
    EventLog regionEventLog() {
      return EAST_EVENTS;
    }

    @Bean
    ReplicaSet replicaSet() {
      return new ReplicaSet(List.of(
          new Region("eastus", new Seed("aa"), EAST, eastIndex, EAST_EVENTS),
          new Region("westeurope", new Seed("ab"), WEST, new InMemoryMetadataIndex(), WEST_EVENTS)));
    }
  }

  @Autowired FunctionCatalog catalog;

  @Test
  void replicate_whenOwnManifestPushed_copiesItToThePeerAndRecordsThePush() throws Exception {
    byte[] layer = "layer".getBytes(StandardCharsets.UTF_8);
    Digest layerDigest = TestManifests.digestOf("layer");
    assertThat(push("POST", "/v2/app/blobs/uploads/", "digest=" + layerDigest, layer).status())
        .isEqualTo(201);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
        + layerDigest + "\",\"size\":" + layer.length + "},\"layers\":[]}";
    byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
    HttpResponse put = push("PUT", "/v2/app/manifests/" + TestManifests.digestOf(manifest), "",
        manifestBytes);
    assertThat(put.status()).isEqualTo(201);
    String key = StorageLayout.manifest(RepositoryName.parse("app"), TestManifests.digestOf(manifest));

    Consumer<List<ObjectCreated>> replicate = catalog.lookup(Consumer.class, "replicate");
    replicate.accept(List.of(new ObjectCreated(EAST.bucket(), key, manifestBytes.length, null, null)));

    assertThat(WEST.head(key)).isPresent();
    assertThat(WEST.head(StorageLayout.blob(layerDigest))).isPresent();
    assertThat(EAST_EVENTS.all()).extracting(RegistryEvent::action).contains(EventAction.PUSH);
  }

  @Test
  void reconcile_returnsTheReport() {
    Supplier<Reconciler.Report> reconcile = catalog.lookup(Supplier.class, "reconcile");

    assertThat(reconcile.get().failures()).isZero();
  }

  private HttpResponse push(String method, String path, String query, byte[] body) {
    Function<HttpRequest, HttpResponse> push = catalog.lookup(Function.class, "push");
    HttpHeaders headers = new HttpHeaders();
    headers.add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
    return push.apply(new HttpRequest(method, path, query, headers,
        new ByteArrayInputStream(body), body.length, "localhost", "http"));
  }
}
