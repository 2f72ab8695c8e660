package dev.meridian.local.builds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The builds API through the local runtime's three regions on DynamoDB Local and s3proxy: upload
 * a context, enqueue, read the run from every region, and spill to the next region once eastus
 * holds its capacity (2) of queued runs. No executor is wired yet, so runs stay Queued.
 */
class BuildsLocalRuntimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(URI base, String method, String path, byte[] body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void enqueue_inEastus_isReadableEverywhere_andSpillsToWesteuropeWhenFull() throws Exception {
    try (LocalRuntime runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts())) {
      URI east = runtime.regionEndpoint("eastus");
      HttpResponse<String> uploaded = send(east, "POST", "/meridian/v1/builds/contexts",
          "context bytes".getBytes(StandardCharsets.UTF_8));
      assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
      String context = JSON.readTree(uploaded.body()).get("context").asText();
      byte[] body = ("{\"context\":\"" + context + "\",\"images\":[\"app:{{.Run.ID}}\"]}")
          .getBytes(StandardCharsets.UTF_8);
      String[] expected = {"aa1", "aa2", "ab1"};
      for (String id : expected) {
        HttpResponse<String> r = send(east, "POST", "/meridian/v1/builds", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(JSON.readTree(r.body()).get("runId").asText()).isEqualTo(id);
      }
      for (String region : runtime.regionNames()) {
        HttpResponse<String> r = send(runtime.regionEndpoint(region), "GET",
            "/meridian/v1/builds/ab1", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode run = JSON.readTree(r.body());
        assertThat(run.get("region").asText()).isEqualTo("westeurope");
        assertThat(run.get("status").asText()).isEqualTo("Queued");
        assertThat(run.get("images").get(0).asText()).isEqualTo("app:ab1");
      }
      HttpResponse<String> missing = send(east, "GET", "/meridian/v1/builds/aa1/logs", null);
      assertThat(missing.statusCode()).isEqualTo(404);
      HttpResponse<String> bad = send(east, "GET", "/meridian/v1/builds/AA1", null);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("lower case");
    }
  }
}
