package dev.meridian.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.fakes.EveryCapability;
import dev.meridian.core.http.CallerName;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.manifest.ManifestTestRegistry;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.settings.RegistrySettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The builds API records a run's owner from {@link CallerName}: the account the gate
 * authenticated, whatever {@code Meridian-Caller} header the client sent.
 */
class CallerNameTest {
  private final AuthTestRegistry auth = new AuthTestRegistry();
  private final ManifestTestRegistry registry;

  CallerNameTest() {
    auth.account("dana", Set.of(RegistryPermission.BUILDS), Grant.of("mine/**", Action.PULL));
    List<Route> echo = EveryCapability.standIns(auth.clock, (request, path) -> new HttpResponse(
        200, new HttpHeaders(),
        ResponseBody.of(("caller=" + CallerName.of(request)).getBytes(StandardCharsets.UTF_8))));
    registry = new ManifestTestRegistry(RegistrySettings.defaults("meridian", "eastus", new Seed("aa")), echo,
        new RegistryAuth(auth.gate, new TokenRoutes(auth.gate), new AccountRoutes(auth.identities,
            auth.hasher, auth.credentials, auth.keySource, auth.clock)));
  }

  @Test
  void buildsRoutes_seeTheAuthenticatedAccount_notAClientSentHeader() {
    HttpResponse basic = registry.send("POST", "/meridian/v1/builds", "application/json",
        new byte[0], "Authorization", AuthTestRegistry.basic("dana", AuthTestRegistry.PASSWORD),
        CallerName.HEADER, "admin");
    HttpResponse bearer = registry.send("POST", "/meridian/v1/builds", "application/json",
        new byte[0], "Authorization", auth.bearer("dana",
            new TokenAccess("registry", "builds", java.util.List.of("*"))),
        CallerName.HEADER, "admin");

    assertThat(basic.status()).isEqualTo(200);
    assertThat(text(basic)).isEqualTo("caller=dana");
    assertThat(bearer.status()).isEqualTo(200);
    assertThat(text(bearer)).isEqualTo("caller=dana");
  }

  private static String text(HttpResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      response.body().writeTo(out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
