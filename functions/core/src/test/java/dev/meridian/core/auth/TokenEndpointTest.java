package dev.meridian.core.auth;

import static dev.meridian.core.manifest.ManifestTestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /meridian/v1/token}: what a client asks for, what it gets, and the refusals. */
class TokenEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AuthTestRegistry auth = new AuthTestRegistry();

  @Test
  void grantsOnlyTheRequestedActionsTheAccountMayTake() throws Exception {
    HttpResponse r = auth.send("GET", "/meridian/v1/token?service=meridian"
        + "&scope=repository:team/app:pull,push&scope=repository:other/app:pull"
        + "&scope=registry:catalog:*", AuthTestRegistry.basic("reader", AuthTestRegistry.PASSWORD));
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = JSON.readTree(text(r));
    assertThat(body.path("token").asText()).isEqualTo(body.path("access_token").asText());
    assertThat(body.path("expires_in").asLong()).isEqualTo(300);
    assertThat(r.headers().first("Cache-Control")).isEqualTo("no-store");
    TokenService.VerifiedToken token = auth.tokens.verify(body.path("token").asText()).orElseThrow();
    assertThat(token.subject()).isEqualTo("reader");
    assertThat(token.access()).containsExactly(
        new TokenAccess("repository", "team/app", List.of("pull")));
  }

  @Test
  void anonymousCallerGetsOnlyWhatTheAnonymousSwitchAllows() throws Exception {
    auth.identities.putAnonymousAccess(new AnonymousAccess(
        List.of(RepositoryPattern.of("public/**")), 1));
    HttpResponse r = auth.send("GET", "/meridian/v1/token?scope=repository:public/x:pull,push"
        + "&scope=repository:team/app:pull", null);
    TokenService.VerifiedToken token = auth.tokens.verify(
        JSON.readTree(text(r)).path("token").asText()).orElseThrow();
    assertThat(token.subject()).isEmpty();
    assertThat(token.access()).containsExactly(
        new TokenAccess("repository", "public/x", List.of("pull")));

    // …and that token pulls the public repository but nothing else.
    String bearer = "Bearer " + JSON.readTree(text(r)).path("token").asText();
    assertThat(auth.send("GET", "/v2/public/x/tags/list", bearer).status()).isEqualTo(404);
    assertThat(auth.send("GET", "/v2/team/app/tags/list", bearer).status()).isEqualTo(401);
  }

  @Test
  void anonymousPullIsOffByDefault() {
    assertThat(auth.send("GET", "/v2/public/x/tags/list", null).status()).isEqualTo(401);
    auth.identities.putAnonymousAccess(new AnonymousAccess(
        List.of(RepositoryPattern.of("public/**")), 1));
    auth.clock.advance(java.time.Duration.ofSeconds(11)); // past the cached "off"
    assertThat(auth.send("GET", "/v2/public/x/tags/list", null).status())
        .as("allowed without any token: NAME_UNKNOWN, not 401").isEqualTo(404);
  }

  @Test
  void wrongPasswordIs401WithABasicChallenge() {
    HttpResponse r = auth.send("GET", "/meridian/v1/token?scope=repository:team/app:pull",
        AuthTestRegistry.basic("reader", "nope-nope-nope"));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.headers().first("WWW-Authenticate")).startsWith("Basic ");
    assertThat(text(r)).contains("UNAUTHORIZED");
  }

  @Test
  void otherServiceIs400() {
    HttpResponse r = auth.send("GET", "/meridian/v1/token?service=docker.io", null);
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void oauthPasswordGrantIssuesATokenAndRefreshGrantIsUnsupported() throws Exception {
    HttpResponse r = form("grant_type=password&username=pusher&password="
        + "correct+horse+battery&service=meridian&scope=repository%3Ateam%2Fapp%3Apull%2Cpush");
    assertThat(r.status()).as(text(r)).isEqualTo(200);
    JsonNode body = JSON.readTree(text(r));
    assertThat(body.path("scope").asText()).isEqualTo("repository:team/app:pull,push");
    assertThat(auth.tokens.verify(body.path("access_token").asText())).isPresent();

    HttpResponse refresh = form("grant_type=refresh_token&refresh_token=x");
    assertThat(refresh.status()).isEqualTo(400);
    assertThat(text(refresh)).contains("unsupported_grant_type");

    HttpResponse wrong = form("grant_type=password&username=pusher&password=wrong-wrong");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(text(wrong)).contains("invalid_grant");
  }

  @Test
  void tokenWorksOnTheRegistryForWhatItGrants() throws Exception {
    HttpResponse r = auth.send("GET", "/meridian/v1/token?scope=repository:team/app:pull,push",
        AuthTestRegistry.basic("pusher", AuthTestRegistry.PASSWORD));
    String bearer = "Bearer " + JSON.readTree(text(r)).path("token").asText();
    assertThat(auth.send("POST", "/v2/team/app/blobs/uploads/", bearer).status()).isEqualTo(202);
    HttpResponse other = auth.send("POST", "/v2/team/other/blobs/uploads/", bearer);
    assertThat(other.status()).isEqualTo(401);
    assertThat(other.headers().first("WWW-Authenticate"))
        .contains("scope=\"repository:team/other:pull,push\"")
        .contains("error=\"insufficient_scope\"");
  }

  private HttpResponse form(String body) {
    return auth.registry.send("POST", "/meridian/v1/token", "application/x-www-form-urlencoded",
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
