package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.app.lambda.ApiGatewayEvents.Response;
import dev.meridian.core.builds.ContextTar;
import dev.meridian.core.builds.RunId;
import dev.meridian.core.naming.Seed;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A build spilled to a peer through {@code pushHttp}: eastus has room for one
 * run, so the second goes to westeurope, whose table gets its ID counter and run records and
 * whose bucket gets its context. The {@code @AfterAll} IAM check proves push's role allows exactly
 * those peer writes (PeerBuildSpill, PeerBuildContext in template.yaml).
 */
class BuildSpillLambdaTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static LambdaHarness eastPush;

  @BeforeAll
  static void start() {
    TestRegions.Region east = TestRegions.create("eastus", "aa");
    TestRegions.Region west = TestRegions.create("westeurope", "ab");
    Map<String, String> properties = new HashMap<>(TestRegions.properties(east, List.of(west)));
    properties.put("meridian.builds.capacity", "1");
    properties.put("meridian.builds.peer-capacities", "ab=2");
    eastPush = LambdaHarness.start(LambdaFunctions.PUSH_HTTP, properties);
  }

  /** Every SDK call the functions made above is one their roles in template.yaml allow. */
  @AfterAll
  static void everyCallIsAllowedByTheFunctionsRoles() {
    IamCheck.assertAllowed(eastPush);
  }

  @Test
  void enqueue_whenThisRegionIsFull_placesTheRunInThePeer() throws Exception {
    Response upload = ApiGatewayEvents.send(eastPush, "POST", "/meridian/v1/builds/contexts",
        Map.of("Content-Type", "application/gzip"), ContextTar.of(Map.of(
            "Dockerfile", "FROM scratch\nCOPY VERSION /\n", "VERSION", "1\n")));
    assertThat(upload.status()).as(upload.text()).isEqualTo(201);
    byte[] request = ("{\"context\":\"" + JSON.readTree(upload.text()).get("context").asText()
        + "\",\"images\":[\"lambda/spilled:{{.Run.ID}}\"]}").getBytes(StandardCharsets.UTF_8);

    RunId first = enqueue(request);
    RunId second = enqueue(request);

    assertThat(first.seed()).isEqualTo(new Seed("aa"));
    assertThat(second.seed()).as("spilled to westeurope").isEqualTo(new Seed("ab"));
  }

  private static RunId enqueue(byte[] request) throws Exception {
    Response enqueued = ApiGatewayEvents.send(eastPush, "POST", "/meridian/v1/builds",
        Map.of("Content-Type", "application/json"), request);
    assertThat(enqueued.status()).as(enqueued.text()).isEqualTo(202);
    return RunId.parse(JSON.readTree(enqueued.text()).get("runId").asText());
  }
}
