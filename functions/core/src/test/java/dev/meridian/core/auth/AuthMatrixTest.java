package dev.meridian.core.auth;

import static dev.meridian.core.manifest.ManifestTestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.manifest.TestManifests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The auth matrix: every endpoint group × {anonymous, reader, pusher, admin, wrong
 * password, expired token, token for another repository, reader's token}, status and OCI error
 * code as docs/security.md specifies. Basic callers that are not allowed get 403 DENIED; callers
 * without credentials, with bad ones or with a token lacking the scope get 401 UNAUTHORIZED and
 * a Bearer challenge.
 */
class AuthMatrixTest {
  private static final String[] CALLERS = {"anonymous", "reader", "pusher", "admin",
      "wrong-password", "expired-token", "other-repo-token", "reader-token"};

  /** Expected outcome per caller, in {@link #CALLERS} order: "200" or "401" or "403 DENIED"… */
  private static final Map<String, String[]> MATRIX = new LinkedHashMap<>();

  static {
    String u = "401 UNAUTHORIZED";
    String d = "403 DENIED";
    //                          anon reader  pusher admin  wrongpw expired other   reader-token
    MATRIX.put("GET /v2/", row(u, "200", "200", "200", u, u, "200", "200"));
    MATRIX.put("GET /v2/team/app/manifests/v1", row(u, "200", "200", "200", u, u, u, "200"));
    MATRIX.put("HEAD /v2/team/app/blobs/<config>", row(u, "200", "200", "200", u, u, u, "200"));
    MATRIX.put("GET /v2/team/app/tags/list", row(u, "200", "200", "200", u, u, u, "200"));
    MATRIX.put("GET /v2/team/app/referrers/<manifest>", row(u, "200", "200", "200", u, u, u, "200"));
    MATRIX.put("POST /v2/team/app/blobs/uploads/", row(u, d, "202", "202", u, u, u, u));
    MATRIX.put("PUT /v2/team/app/manifests/v2", row(u, d, "201", "201", u, u, u, u));
    MATRIX.put("DELETE /v2/team/app/manifests/<manifest>", row(u, d, d, "202", u, u, u, u));
    MATRIX.put("GET /v2/_catalog", row(u, d, d, "200", u, u, u, u));
    MATRIX.put("GET /meridian/v1/users", row(u, d, d, "200", u, u, u, u));
    MATRIX.put("GET /meridian/v1/webhooks", row(u, d, d, "200", u, u, u, u));
    MATRIX.put("GET /meridian/v1/builds", row(u, d, d, "200", u, u, u, u));
    MATRIX.put("GET /meridian/v1/events", row(u, d, d, "200", u, u, u, u));
    MATRIX.put("GET /meridian/v1/replication/team/app/v1", row(u, "200", "200", "200", u, u, u,
        "200"));
    // The token endpoint answers anonymous callers (granting what the anonymous switch allows)
    // and refuses bad credentials and bearer tokens (it takes Basic only).
    MATRIX.put("GET /meridian/v1/token?service=meridian&scope=repository:team/app:pull",
        row("200", "200", "200", "200", u, u, u, u));
  }

  private static String[] row(String... expected) {
    return expected;
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    MATRIX.forEach((endpoint, expected) -> {
      for (int i = 0; i < CALLERS.length; i++) {
        cases.add(Arguments.of(endpoint, CALLERS[i], expected[i]));
      }
    });
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} as {1} -> {2}")
  @MethodSource("cases")
  void endpointGroupTimesCaller(String endpoint, String caller, String expected) {
    AuthTestRegistry auth = new AuthTestRegistry();
    String config = auth.registry.seedBlob("team/app", "{}").toString();
    String manifest = TestManifests.oci(dev.meridian.core.oci.Digest.parse(config), "");
    String digest = "sha256:" + sha256(manifest);
    HttpResponse seeded = auth.registry.send("PUT", "/v2/team/app/manifests/v1",
        MediaTypes.OCI_MANIFEST, manifest.getBytes(), "Authorization",
        AuthTestRegistry.basic("admin", AuthTestRegistry.PASSWORD));
    assertThat(seeded.status()).isEqualTo(201);
    String authorization = authorization(auth, caller);

    String[] parts = endpoint.replace("<config>", config).replace("<manifest>", digest).split(" ");
    HttpResponse r = parts[1].endsWith("/manifests/v2")
        ? auth.registry.send(parts[0], parts[1], MediaTypes.OCI_MANIFEST, manifest.getBytes(),
            "Authorization", authorization == null ? "" : authorization)
        : auth.send(parts[0], parts[1], authorization);

    String[] want = expected.split(" ");
    assertThat(r.status()).as("%s as %s: %s", endpoint, caller, body(r))
        .isEqualTo(Integer.parseInt(want[0]));
    if (want.length > 1 && !parts[0].equals("HEAD")) { // a HEAD error has no body (RFC 9110)
      assertThat(body(r)).contains("\"code\":\"" + want[1] + "\"");
    }
    if (r.status() == 401 && !parts[1].startsWith("/meridian/v1/token")) {
      assertThat(r.headers().first("WWW-Authenticate"))
          .startsWith("Bearer realm=\"http://registry.test/meridian/v1/token\",service=\"meridian\"");
    }
  }

  private static String authorization(AuthTestRegistry auth, String caller) {
    String pw = AuthTestRegistry.PASSWORD;
    return switch (caller) {
      case "anonymous" -> null;
      case "reader", "pusher", "admin" -> AuthTestRegistry.basic(caller, pw);
      case "wrong-password" -> AuthTestRegistry.basic("pusher", pw + "!");
      case "expired-token" -> {
        String token = auth.bearer("admin", new TokenAccess("repository", "team/app",
            List.of("pull", "push", "delete")), new TokenAccess("registry", "admin", List.of("*")));
        auth.clock.advance(Duration.ofMinutes(6));
        yield token;
      }
      case "other-repo-token" -> auth.bearer("admin",
          new TokenAccess("repository", "other/app", List.of("pull", "push", "delete")));
      case "reader-token" -> auth.bearer("reader",
          new TokenAccess("repository", "team/app", List.of("pull")));
      default -> throw new IllegalArgumentException(caller);
    };
  }

  private static String body(HttpResponse r) {
    return r.body() == null ? "" : text(r);
  }

  private static String sha256(String s) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
