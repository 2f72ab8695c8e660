package dev.meridian.core.auth;

import static dev.meridian.core.manifest.ManifestTestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code /meridian/v1/users} and {@code /anonymous}, driven through the HTTP API as an admin. */
class AccountRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AuthTestRegistry auth = new AuthTestRegistry();
  private final String admin = AuthTestRegistry.basic("admin", AuthTestRegistry.PASSWORD);

  @Test
  void robotGetsAGeneratedSecretOnceThatSignsIn() throws Exception {
    HttpResponse created = send("POST", "/meridian/v1/users", """
        {"name":"ci-bot","kind":"robot",
         "grants":[{"repositories":"team/*","actions":["pull","push"]}]}""");
    assertThat(created.status()).as(text(created)).isEqualTo(201);
    JsonNode body = JSON.readTree(text(created));
    String secret = body.path("secret").asText();
    assertThat(secret).hasSizeGreaterThan(40);
    assertThat(text(send("GET", "/meridian/v1/users/ci-bot", null))).doesNotContain(secret)
        .doesNotContain("$2a$");
    assertThat(auth.identities.find("ci-bot").orElseThrow().secretHash()).startsWith("$2a$04$");

    String robot = AuthTestRegistry.basic("ci-bot", secret);
    assertThat(auth.send("POST", "/v2/team/app/blobs/uploads/", robot).status()).isEqualTo(202);
    assertThat(auth.send("POST", "/v2/team/a/b/blobs/uploads/", robot).status())
        .as("* stays within one path component").isEqualTo(403);
  }

  @Test
  void userPasswordChangeTakesEffectAndOldPasswordStops() {
    send("POST", "/meridian/v1/users", """
        {"name":"dev","password":"first-password","grants":[]}""");
    assertThat(auth.send("GET", "/v2/", AuthTestRegistry.basic("dev", "first-password")).status())
        .isEqualTo(200);
    assertThat(send("PUT", "/meridian/v1/users/dev", "{\"password\":\"second-password\"}")
        .status()).isEqualTo(200);
    assertThat(auth.send("GET", "/v2/", AuthTestRegistry.basic("dev", "first-password")).status())
        .isEqualTo(401);
    assertThat(auth.send("GET", "/v2/", AuthTestRegistry.basic("dev", "second-password"))
        .status()).isEqualTo(200);
  }

  @Test
  void deletedAccountCannotSignInAndItsNameIsNotReused() {
    send("POST", "/meridian/v1/users", "{\"name\":\"gone\",\"password\":\"some-password\"}");
    assertThat(send("DELETE", "/meridian/v1/users/gone", null).status()).isEqualTo(204);
    assertThat(auth.send("GET", "/v2/", AuthTestRegistry.basic("gone", "some-password")).status())
        .isEqualTo(401);
    assertThat(send("GET", "/meridian/v1/users/gone", null).status()).isEqualTo(404);
    assertThat(send("POST", "/meridian/v1/users", "{\"name\":\"gone\",\"password\":\"x-password\"}")
        .status()).isEqualTo(409);
  }

  @Test
  void theLastAdminCannotBeDeletedOrDemoted() {
    assertThat(send("DELETE", "/meridian/v1/users/admin", null).status()).isEqualTo(409);
    assertThat(send("PUT", "/meridian/v1/users/admin", "{\"permissions\":[]}").status())
        .isEqualTo(409);
    send("POST", "/meridian/v1/users",
        "{\"name\":\"admin2\",\"password\":\"admin2-password\",\"permissions\":[\"admin\"]}");
    assertThat(send("DELETE", "/meridian/v1/users/admin", null).status()).isEqualTo(204);
  }

  @Test
  void badInputIs400AndStoresNothing() {
    for (String body : new String[] {"{\"name\":\"Bad Name\",\"password\":\"long-enough\"}",
        "{\"name\":\"short\",\"password\":\"short\"}",
        "{\"name\":\"x\",\"kind\":\"wizard\",\"password\":\"long-enough\"}",
        "{\"name\":\"y\",\"password\":\"long-enough\",\"grants\":[{\"repositories\":\"../x\","
            + "\"actions\":[\"pull\"]}]}",
        "{\"name\":\"z\",\"password\":\"long-enough\",\"permissions\":[\"root\"]}",
        "not json", "[]"}) {
      HttpResponse r = send("POST", "/meridian/v1/users", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(text(r)).contains("\"errors\"");
    }
    assertThat(auth.identities.list()).extracting(Identity::name)
        .containsExactly("admin", "pusher", "reader");
  }

  @Test
  void anonymousSwitchThroughTheApi() throws Exception {
    assertThat(JSON.readTree(text(send("GET", "/meridian/v1/anonymous", null))).path("pull")
        .size()).isZero();
    assertThat(send("PUT", "/meridian/v1/anonymous", "{\"pull\":[\"public/**\"]}").status())
        .isEqualTo(200);
    assertThat(auth.send("GET", "/v2/public/app/tags/list", null).status()).isEqualTo(404);
    assertThat(auth.send("POST", "/v2/public/app/blobs/uploads/", null).status())
        .as("anonymous access is pull only").isEqualTo(401);
  }

  @Test
  void signingKeysRotateThroughTheApiAndOldTokensStillWork() throws Exception {
    String token = "Bearer " + auth.tokens.issue("admin", java.util.List.of(
        new TokenAccess("repository", "team/app", java.util.List.of("pull")))).token();
    String before = auth.keys.current().kid();
    HttpResponse rotated = send("POST", "/meridian/v1/signing-keys/rotate", null);
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(JSON.readTree(text(rotated)).path("current").asText()).isNotEqualTo(before);
    assertThat(text(rotated)).doesNotContain("secret");
    assertThat(auth.send("GET", "/v2/team/app/tags/list", token).status())
        .as("a token signed before the rotation").isEqualTo(404);
  }

  private HttpResponse send(String method, String path, String json) {
    byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    return auth.registry.send(method, path, json == null ? null : "application/json", body,
        "Authorization", admin);
  }
}
