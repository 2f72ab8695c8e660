package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.app.lambda.ApiGatewayEvents.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in on the Lambda path, through API Gateway events: anonymous calls get the Docker token
 * challenge with the realm built from API Gateway's domain name, a wrong password is refused,
 * the bootstrap admin (created when the function started) gets a token from {@code pullHttp}'s
 * token endpoint, and that bearer token opens {@code /v2/}.
 */
class ApiGatewayAuthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static LambdaHarness pull;
  static LambdaHarness push;

  @BeforeAll
  static void start() {
    TestRegions.Region east = TestRegions.create("eastus", "aa");
    pull = LambdaHarness.start(LambdaFunctions.PULL_HTTP, TestRegions.properties(east, List.of()));
    push = LambdaHarness.start(LambdaFunctions.PUSH_HTTP, TestRegions.properties(east, List.of()));
  }

  /** Every SDK call the functions made above is one their roles in template.yaml allow. */
  @AfterAll
  static void everyCallIsAllowedByTheFunctionsRoles() {
    IamCheck.assertAllowed(pull, push);
  }

  @Test
  void aTokenFromPull_isAcceptedByPush_becauseBothReadTheRingFromSecretsManager()
      throws Exception {
    Response token = ApiGatewayEvents.send(pull, "GET",
        "/meridian/v1/token?service=meridian&scope=repository:lambda/shared:pull,push", Map.of(),
        null);
    String bearer = JSON.readTree(token.body()).path("token").asText();

    Response started = ApiGatewayEvents.send(push, "POST", "/v2/lambda/shared/blobs/uploads/",
        Map.of("Authorization", "Bearer " + bearer), null);

    assertThat(started.status()).as(started.text()).isEqualTo(202);
    assertThat(TestRegions.SECRETS.calls(TestRegions.SIGNING_KEYS_SECRET)).isNotEmpty();
    assertThat(TestRegions.SECRETS.calls(TestRegions.BOOTSTRAP_PASSWORD_SECRET)).isNotEmpty();
    assertThat(TestRegions.SECRETS.calls(TestRegions.UPLOAD_SIGNING_KEY_SECRET))
        .as("read at start, in the region its ARN names")
        .isNotEmpty().allMatch(c -> c.signedRegion().equals("us-east-1"));
  }

  @Test
  void anonymous_getsTheBearerChallengeForTheApiGatewayRealm() {
    Response refused = ApiGatewayEvents.sendAnonymous(pull, "GET", "/v2/", Map.of(), null);

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.text()).contains("\"code\":\"UNAUTHORIZED\"");
    assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer realm=\"https://"
        + "abc123def4.execute-api.us-east-1.amazonaws.com/meridian/v1/token\"");
  }

  @Test
  void wrongPassword_isRefused() {
    Response refused = ApiGatewayEvents.send(pull, "GET", "/v2/",
        Map.of("Authorization", ApiGatewayEvents.basic("admin", "not-the-password")), null);

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.text()).contains("UNAUTHORIZED");
  }

  @Test
  void bootstrapAdmin_getsAToken_thatOpensV2() throws Exception {
    Response token = ApiGatewayEvents.send(pull, "GET",
        "/meridian/v1/token?service=meridian&scope=repository:lambda/app:pull", Map.of(), null);
    assertThat(token.status()).as(token.text()).isEqualTo(200);
    String bearer = JSON.readTree(token.body()).path("token").asText();
    assertThat(bearer).isNotEmpty();

    Response opened = ApiGatewayEvents.send(pull, "GET", "/v2/",
        Map.of("Authorization", "Bearer " + bearer), null);

    assertThat(opened.status()).as(opened.text()).isEqualTo(200);
  }
}
