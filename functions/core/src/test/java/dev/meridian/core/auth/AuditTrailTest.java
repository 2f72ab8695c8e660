package dev.meridian.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.audit.AuditClassifier;
import dev.meridian.core.audit.AuditEntry;
import dev.meridian.core.audit.AuditLog;
import dev.meridian.core.audit.AuditQuery;
import dev.meridian.core.audit.AuditRecord;
import dev.meridian.core.audit.AuditSettings;
import dev.meridian.core.audit.AuditingHttpHandler;
import dev.meridian.core.audit.BackgroundAuditWriter;
import dev.meridian.core.fakes.InMemoryAuditStore;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit hook in front of the real API with access control: who did what, with the outcome
 * they got and the address they came from.
 */
class AuditTrailTest {
  private final AuthTestRegistry auth = new AuthTestRegistry();
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final AuditLog log = new AuditLog("eastus", store, Map.of(),
      new AuditSettings(1, Duration.ofDays(1)), auth.clock);
  private final AuditingHttpHandler api =
      new AuditingHttpHandler(auth.registry.api, new AuditClassifier(1, () -> 0.5), log);

  private HttpResponse send(String method, String pathAndQuery, byte[] body, String... headers) {
    HttpHeaders h = new HttpHeaders().set(AccessGate.CLIENT_ADDRESS, "192.0.2.7");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      h.set(headers[i], headers[i + 1]);
    }
    int q = pathAndQuery.indexOf('?');
    byte[] bytes = body == null ? new byte[0] : body;
    return api.handle(new HttpRequest(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
        q < 0 ? "" : pathAndQuery.substring(q + 1), h, new ByteArrayInputStream(bytes),
        bytes.length, "registry.test", "http"));
  }

  private List<AuditEntry> entries() {
    List<AuditEntry> newestFirst = new java.util.ArrayList<>(log.query(
        new AuditQuery(null, null, null, null, null, null, 100)).stream()
        .map(AuditRecord::entry).toList());
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Test
  void signIns_whenGrantedAndRefused_areRecordedWithNameAndAddress() {
    send("GET", "/meridian/v1/token?service=meridian&scope=repository:team/app:pull", null,
        "Authorization", AuthTestRegistry.basic("reader", AuthTestRegistry.PASSWORD));
    send("GET", "/meridian/v1/token?service=meridian", null,
        "Authorization", AuthTestRegistry.basic("reader", "wrong"));
    send("POST", "/meridian/v1/token", "grant_type=password&username=admin&password=nope"
        .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-www-form-urlencoded");

    assertThat(entries()).extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::status,
        AuditEntry::address).containsExactly(
            org.assertj.core.groups.Tuple.tuple("token.grant", "reader", 200, "192.0.2.7"),
            org.assertj.core.groups.Tuple.tuple("signin.failure", "reader", 401, "192.0.2.7"),
            org.assertj.core.groups.Tuple.tuple("signin.failure", "admin", 401, "192.0.2.7"));
    assertThat(entries().get(0).detail()).isEqualTo("scope repository:team/app:pull");
  }

  @Test
  void pushPullAndDelete_areRecordedWithRepositoryAndDigest_anonymousChallengesAreNot() {
    String pusher = AuthTestRegistry.basic("pusher", AuthTestRegistry.PASSWORD);
    Digest config = auth.registry.seedBlob("team/app", "{}");
    String manifest = TestManifests.oci(config, "");
    Digest digest = TestManifests.digestOf(manifest);
    send("GET", "/v2/team/app/manifests/v1", null); // the anonymous challenge: not an event
    HttpResponse put = send("PUT", "/v2/team/app/manifests/v1",
        manifest.getBytes(StandardCharsets.UTF_8), "Authorization", pusher, "Content-Type",
        MediaTypes.OCI_MANIFEST);
    send("GET", "/v2/team/app/manifests/v1", null, "Authorization", pusher);
    send("DELETE", "/v2/team/app/manifests/" + digest, null, "Authorization", pusher);

    assertThat(put.status()).isEqualTo(201);
    assertThat(entries()).extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::status,
        AuditEntry::repository, AuditEntry::digest).containsExactly(
            org.assertj.core.groups.Tuple.tuple("image.push", "pusher", 201, "team/app",
                digest.toString()),
            org.assertj.core.groups.Tuple.tuple("image.pull", "pusher", 200, "team/app",
                digest.toString()),
            org.assertj.core.groups.Tuple.tuple("image.delete", "pusher", 403, "team/app",
                digest.toString()));
  }

  @Test
  void everyMutatingAdminRequest_isRecordedWithRouteAndOutcome_readsAreNot() {
    String admin = AuthTestRegistry.basic("admin", AuthTestRegistry.PASSWORD);
    String reader = AuthTestRegistry.basic("reader", AuthTestRegistry.PASSWORD);
    send("PUT", "/meridian/v1/locks", new byte[0], "Authorization", admin);
    send("DELETE", "/meridian/v1/webhooks/hook1", null, "Authorization", reader);
    send("GET", "/meridian/v1/regions", null, "Authorization", admin);

    assertThat(entries()).extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::status,
        AuditEntry::detail).containsExactly(
            org.assertj.core.groups.Tuple.tuple("admin.locks", "admin", 200,
                "PUT /meridian/v1/locks"),
            org.assertj.core.groups.Tuple.tuple("admin.webhooks", "reader", 403,
                "DELETE /meridian/v1/webhooks/hook1"));
  }

  @Test
  void pulls_whenABackgroundWriterIsGiven_goThroughIt_pushesStayInline() {
    InMemoryAuditStore pullStore = new InMemoryAuditStore();
    AuditLog pullLog = new AuditLog("eastus", pullStore, Map.of(),
        new AuditSettings(1, Duration.ofDays(1)), auth.clock);
    BackgroundAuditWriter pulls = new BackgroundAuditWriter(pullLog);
    AuditingHttpHandler background = new AuditingHttpHandler(auth.registry.api,
        new AuditClassifier(1, () -> 0.5), log, pulls);
    String pusher = AuthTestRegistry.basic("pusher", AuthTestRegistry.PASSWORD);
    Digest config = auth.registry.seedBlob("team/app", "{}");
    HttpHeaders h = new HttpHeaders().set("Authorization", pusher)
        .set("Content-Type", MediaTypes.OCI_MANIFEST);
    byte[] manifest = TestManifests.oci(config, "").getBytes(StandardCharsets.UTF_8);
    background.handle(new HttpRequest("PUT", "/v2/team/app/manifests/v1", "", h,
        new ByteArrayInputStream(manifest), manifest.length, "registry.test", "http"));
    assertThat(entries()).extracting(AuditEntry::action).containsExactly("image.push");

    background.handle(new HttpRequest("GET", "/v2/team/app/manifests/v1", "", h,
        java.io.InputStream.nullInputStream(), 0, "registry.test", "http"));
    pulls.close();

    assertThat(entries()).extracting(AuditEntry::action).containsExactly("image.push");
    assertThat(pullStore.read("eastus", 0, 10)).extracting(r -> r.entry().action())
        .containsExactly("image.pull");
  }

  @Test
  void pulls_whenSampled_recordOnlyTheSampledShare() {
    AuditingHttpHandler none = new AuditingHttpHandler(auth.registry.api,
        new AuditClassifier(0, () -> 0.0), log);
    String pusher = AuthTestRegistry.basic("pusher", AuthTestRegistry.PASSWORD);
    Digest config = auth.registry.seedBlob("team/app", "{}");
    send("PUT", "/v2/team/app/manifests/v1", TestManifests.oci(config, "")
        .getBytes(StandardCharsets.UTF_8), "Authorization", pusher, "Content-Type",
        MediaTypes.OCI_MANIFEST);
    HttpHeaders h = new HttpHeaders().set("Authorization", pusher);
    none.handle(new HttpRequest("GET", "/v2/team/app/manifests/v1", "", h,
        java.io.InputStream.nullInputStream(), 0, "registry.test", "http"));

    assertThat(entries()).extracting(AuditEntry::action).containsExactly("image.push");
  }
}
