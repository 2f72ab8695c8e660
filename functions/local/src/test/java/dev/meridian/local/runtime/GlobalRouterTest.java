package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalRouterTest {
  final List<String> calls = new ArrayList<>();
  final Map<String, Function<HttpRequest, HttpResponse>> regions = new LinkedHashMap<>();

  GlobalRouterTest() {
    for (String name : List.of("eastus", "westeurope", "canadacentral")) {
      regions.put(name, request -> {
        calls.add(name);
        return HttpResponse.of(200).header("X-Region", name);
      });
    }
  }

  @Test
  void apply_whenMapModeWithoutRules_sendsEveryRequestToTheFirstRegion() {
    GlobalRouter router = new GlobalRouter(GlobalRouter.Mode.MAP, regions, List.of());

    for (int i = 0; i < 3; i++) {
      assertThat(router.apply(request(null, "skopeo/1.9")).headers().first("X-Region"))
          .isEqualTo("eastus");
    }
    assertThat(calls).containsExactly("eastus", "eastus", "eastus");
  }

  @Test
  void apply_whenClientHeaderOrAgentMatchesARule_sendsToItsRegion() {
    GlobalRouter router = new GlobalRouter(GlobalRouter.Mode.MAP, regions, List.of(
        new GlobalRouter.Rule("ci-eu", "westeurope"),
        new GlobalRouter.Rule("containers/", "canadacentral")));

    router.apply(request("ci-eu", "skopeo"));
    router.apply(request(null, "containers/5.24 (github.com/containers/image)"));
    router.apply(request("someone-else", "curl/8"));

    assertThat(calls).containsExactly("westeurope", "canadacentral", "eastus");
  }

  @Test
  void apply_whenBounceMode_changesRegionOnEveryRequest() {
    GlobalRouter router = new GlobalRouter(GlobalRouter.Mode.BOUNCE, regions, List.of());

    for (int i = 0; i < 5; i++) {
      router.apply(request("ci-eu", null));
    }

    assertThat(calls).containsExactly("eastus", "westeurope", "canadacentral", "eastus",
        "westeurope");
  }

  @Test
  void create_whenClientMapFile_readsRulesSkippingCommentsAndBlankLines(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("clients.txt");
    Files.writeString(file, "# client   region\n\nci-eu westeurope  # EU runners\n");

    GlobalRouter router = GlobalRouter.create(GlobalRouter.Mode.MAP, file, regions);

    assertThat(router.routeName(request("ci-eu", null))).isEqualTo("westeurope");
    assertThat(GlobalRouter.readRules(file))
        .containsExactly(new GlobalRouter.Rule("ci-eu", "westeurope"));
  }

  @Test
  void create_whenClientMapIsBad_failsNamingFileLineOrRegion(@TempDir Path dir)
      throws IOException {
    Path malformed = dir.resolve("bad.txt");
    Files.writeString(malformed, "ok eastus\nno-region-given\n");
    Path unknown = dir.resolve("unknown.txt");
    Files.writeString(unknown, "ci japaneast\n");

    assertThatThrownBy(() -> GlobalRouter.create(GlobalRouter.Mode.MAP, malformed, regions))
        .hasMessageContaining("bad.txt:2");
    assertThatThrownBy(() -> GlobalRouter.create(GlobalRouter.Mode.MAP, unknown, regions))
        .hasMessageContaining("no region japaneast");
  }

  private static HttpRequest request(String client, String agent) {
    HttpHeaders headers = new HttpHeaders();
    if (client != null) {
      headers.set(GlobalRouter.CLIENT_HEADER, client);
    }
    if (agent != null) {
      headers.set("User-Agent", agent);
    }
    return new HttpRequest("GET", "/v2/", "", headers, null, 0, "127.0.0.1:5000", "http");
  }
}
