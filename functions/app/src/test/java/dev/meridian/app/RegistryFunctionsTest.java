package dev.meridian.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.config.RegionStorage;
import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.InMemoryUploadSessionStore;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;

/** The Spring context with in-memory storage; {@code pull}/{@code push} as the catalog serves them. */
@SpringBootTest(
    classes = {MeridianApplication.class, RegistryFunctionsTest.InMemoryStorage.class},
    properties = {"meridian.region=eastus", "meridian.seed=aa"})
class RegistryFunctionsTest {

  @TestConfiguration
  static class InMemoryStorage {
    @Bean
    RegionStorage regionStorage() {
      return new RegionStorage(new InMemoryObjectStore(), new InMemoryMetadataIndex(),
          new InMemoryUploadSessionStore());
    }
  }

  @Autowired FunctionCatalog catalog;

  @Test
  void pull_whenGetVersionCheck_answers200WithEmptyJson() throws IOException {
    HttpResponse response = invoke("pull", request("GET", "/v2/"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().first("Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
    assertThat(body(response)).isEqualTo("{}");
  }

  @Test
  void pull_whenHead_setsContentLengthAndNoBody() {
    HttpResponse response = invoke("pull", request("HEAD", "/v2/"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().first("Content-Length")).isEqualTo("2");
    assertThat(response.body().length()).isZero();
  }

  @Test
  void pull_whenPushMethod_refuses405Unsupported() throws IOException {
    HttpResponse response = invoke("pull", request("PUT", "/v2/a/manifests/latest"));

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.headers().first("Allow")).isEqualTo("GET, HEAD");
    assertThat(body(response)).contains("\"code\":\"UNSUPPORTED\"");
  }

  @Test
  void push_whenPullMethod_refuses405Unsupported() throws IOException {
    HttpResponse response = invoke("push", request("GET", "/v2/"));

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.headers().first("Allow")).isEqualTo("DELETE, PATCH, POST, PUT");
    assertThat(body(response)).contains("UNSUPPORTED");
  }

  @Test
  void push_whenOwnMethod_reachesTheRegistryHandler() throws IOException {
    // An invalid repository name is rejected by the registry's router, past the method gate.
    HttpResponse response = invoke("push", request("DELETE", "/v2/Bad..Name/manifests/latest"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(body(response)).contains("NAME_INVALID");
  }

  private HttpResponse invoke(String name, HttpRequest request) {
    Function<HttpRequest, HttpResponse> function = catalog.lookup(Function.class, name);
    assertThat(function).as("function %s in the catalog", name).isNotNull();
    return function.apply(request);
  }

  private static HttpRequest request(String method, String path) {
    return new HttpRequest(method, path, "", new HttpHeaders(), null, 0, "localhost", "http");
  }

  private static String body(HttpResponse response) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    response.body().writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
