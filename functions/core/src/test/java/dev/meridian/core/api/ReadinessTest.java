package dev.meridian.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.TestRegionApi;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestTestRegistry;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** {@code /readyz}: ready when the region's bucket and table answer, 503 naming the one down. */
class ReadinessTest {
  private static final RegistrySettings SETTINGS =
      RegistrySettings.defaults("meridian", "eastus", new Seed("aa"));

  private static HttpHandler api(ObjectStore objects, MetadataIndex index) {
    return TestRegionApi.region(SETTINGS, objects, index, Clock.systemUTC()).httpApi();
  }

  private static HttpResponse send(HttpHandler api, String method, String path) {
    return api.handle(new HttpRequest(method, path, "", new HttpHeaders(),
        new ByteArrayInputStream(new byte[0]), 0, "reg.test", "http"));
  }

  private static String body(HttpResponse r) {
    return new String(ManifestTestRegistry.bytes(r), StandardCharsets.UTF_8);
  }

  /** A port whose every call fails as an unreachable service does. */
  @SuppressWarnings("unchecked")
  private static <T> T down(Class<T> port) {
    return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
        (proxy, method, args) -> {
          throw new StorageException("connect timed out: http://10.0.0.1:4566/secret-endpoint");
        });
  }

  @Test
  void readyz_whenBucketAndTableAnswer_is200() {
    HttpResponse r = send(api(new InMemoryObjectStore(), new InMemoryMetadataIndex()), "GET",
        "/readyz");
    assertThat(r.status()).isEqualTo(200);
    assertThat(body(r)).contains("\"status\":\"ready\"").contains("\"storage\":{\"status\":\"up\"")
        .contains("\"table\":{\"status\":\"up\"");
  }

  @Test
  void readyz_whenTableIsDown_is503NamingIt_withoutTheErrorsMessage() {
    HttpResponse r = send(api(new InMemoryObjectStore(), down(MetadataIndex.class)), "GET",
        "/readyz");
    assertThat(r.status()).isEqualTo(503);
    assertThat(body(r)).contains("\"storage\":{\"status\":\"up\"")
        .contains("\"table\":{\"status\":\"down\",\"error\":\"StorageException\"")
        .doesNotContain("secret-endpoint");
  }

  @Test
  void readyz_whenBucketIsDown_is503_andHeadAgrees() {
    HttpHandler api = api(down(ObjectStore.class), new InMemoryMetadataIndex());
    assertThat(send(api, "GET", "/readyz").status()).isEqualTo(503);
    assertThat(send(api, "HEAD", "/readyz").status()).isEqualTo(503);
  }

  @Test
  void readyz_otherMethods_are405_andOtherPathsReachTheApi() {
    HttpHandler api = api(new InMemoryObjectStore(), new InMemoryMetadataIndex());
    assertThat(send(api, "POST", "/readyz").status()).isEqualTo(405);
    assertThat(send(api, "GET", "/healthz").status()).isEqualTo(200);
    assertThat(send(api, "GET", "/v2/").status()).isEqualTo(200);
  }
}
