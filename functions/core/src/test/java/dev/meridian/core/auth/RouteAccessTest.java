package dev.meridian.core.auth;

import static dev.meridian.core.manifest.ManifestTestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The route table's checks in front of {@code /meridian/v1/}: the permission comes before the
 * method and before "no such path", so a caller who may not use an area learns nothing about it.
 */
class RouteAccessTest {
  private final AuthTestRegistry auth = new AuthTestRegistry();
  private final String reader = AuthTestRegistry.basic("reader", AuthTestRegistry.PASSWORD);
  private final String admin = AuthTestRegistry.basic("admin", AuthTestRegistry.PASSWORD);

  @Test
  void unknownPathInAnArea_isRefusedWithTheAreasPermission_before404() {
    assertThat(auth.send("GET", "/meridian/v1/webhooks/a/b/c", reader).status()).isEqualTo(403);
    assertThat(auth.send("GET", "/meridian/v1/webhooks/a/b/c", null).status()).isEqualTo(401);
    assertThat(auth.send("GET", "/meridian/v1/webhooks/a/b/c", admin).status()).isEqualTo(404);
    assertThat(auth.send("GET", "/meridian/v1/nothing-here", reader).status()).isEqualTo(403);
    assertThat(auth.send("GET", "/meridian/v1/nothing-here", admin).status()).isEqualTo(404);
  }

  @Test
  void wrongMethod_isRefusedWithTheRoutesPermission_before405() {
    assertThat(auth.send("PATCH", "/meridian/v1/builds", reader).status()).isEqualTo(403);
    HttpResponse r = auth.send("PATCH", "/meridian/v1/builds", admin);

    assertThat(r.status()).isEqualTo(405);
    assertThat(text(r)).contains("\"code\":\"UNSUPPORTED\"").contains("method not allowed: PATCH");
  }

  @Test
  void tokenEndpoint_wrongMethod_is405WithoutCredentials() {
    assertThat(auth.send("PUT", "/meridian/v1/token", null).status()).isEqualTo(405);
  }

  @Test
  void taskTriggerUrl_needsNoRegistryCredentials_butRefusesBadOnes() {
    assertThat(auth.send("POST", "/meridian/v1/tasks/app/trigger", null).status())
        .isEqualTo(200);
    assertThat(auth.send("POST", "/meridian/v1/tasks/app/trigger",
        AuthTestRegistry.basic("reader", "wrong password")).status()).isEqualTo(401);
  }

  @Test
  void replicationStatus_needsPullOnItsRepository() {
    assertThat(auth.send("GET", "/meridian/v1/replication/team/app/v1", reader).status())
        .isEqualTo(200);
    assertThat(auth.send("GET", "/meridian/v1/replication/other/app/v1", reader).status())
        .isEqualTo(403);
  }
}
