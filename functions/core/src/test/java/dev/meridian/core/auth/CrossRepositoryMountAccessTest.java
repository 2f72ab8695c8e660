package dev.meridian.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestTestRegistry;
import dev.meridian.core.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A mount hands the target repository a blob of the source: only for callers who may pull the
 * source. A caller signed in with Basic credentials who may not gets a normal upload (202), as
 * CNCF distribution does; a token without {@code repository:<from>:pull} gets 401 {@code
 * insufficient_scope} with a challenge naming every scope the mount needs, as distribution's
 * token controller does, so a client asking for exactly the challenged scopes can mount.
 *
 * <p>The access check and the mount read the query through one decoder ({@code
 * HttpRequest.query}): the percent-encoded spellings below once passed the check (which matched
 * the raw text {@code mount=}) while the mount decoded them.
 */
class CrossRepositoryMountAccessTest {
  private final AuthTestRegistry auth = new AuthTestRegistry();
  private final String admin = AuthTestRegistry.basic("admin", AuthTestRegistry.PASSWORD);

  @Test
  void mountFromARepositoryTheCallerCannotPullOpensAnUploadInstead() {
    Digest secret = auth.registry.seedBlob("secret/app", "private layer");
    auth.account("mounter", java.util.Set.of(), Grant.of("team/**", Action.PULL, Action.PUSH));
    String mounter = AuthTestRegistry.basic("mounter", AuthTestRegistry.PASSWORD);

    HttpResponse r = auth.send("POST", "/v2/team/app/blobs/uploads/?mount=" + secret
        + "&from=secret/app", mounter);
    assertThat(r.status()).isEqualTo(202);
    assertThat(auth.send("HEAD", "/v2/team/app/blobs/" + secret, admin).status()).isEqualTo(404);

    HttpResponse byAdmin = auth.send("POST", "/v2/team/app/blobs/uploads/?mount=" + secret
        + "&from=secret/app", admin);
    assertThat(byAdmin.status()).isEqualTo(201);
  }

  /** Spellings of {@code mount={D}&from=secret/app} that must mean the same to check and mount. */
  static Stream<String> mountQueries() {
    return Stream.of(
        "%6dount={D}&%66rom=secret/app",
        "%6Dount={D}&%66%72%6f%6d=secret/app",
        "mount={D}&%66rom=secret/app",
        "%6dount={D}&from=secret/app",
        "mount={D}&from=secret%2Fapp",
        "mount={D}&from=%73ecret/app",
        "mount=%73ha256%3A{hex}&from=secret/app",
        "from=secret/app&mount={D}",
        "&&mount={D}&&from=secret/app&&",
        "mount={D}&from=secret/app&digest");
  }

  @ParameterizedTest
  @MethodSource("mountQueries")
  void encodedMountFromAnUnreadableRepository_neverMounts(String query) {
    Digest secret = auth.registry.seedBlob("secret/app", "private layer");
    auth.account("mounter", java.util.Set.of(), Grant.of("team/**", Action.PULL, Action.PUSH));
    String mounter = AuthTestRegistry.basic("mounter", AuthTestRegistry.PASSWORD);
    String q = query.replace("{hex}", secret.encoded()).replace("{D}", secret.toString());

    HttpResponse r = auth.send("POST", "/v2/team/leak/blobs/uploads/?" + q, mounter);

    assertThat(r.status()).isIn(202, 400);
    assertThat(auth.send("HEAD", "/v2/team/leak/blobs/" + secret, admin).status())
        .isEqualTo(404);
  }

  @ParameterizedTest
  @MethodSource("mountQueries")
  void encodedMountByACallerWhoMayPull_mounts(String query) {
    Digest secret = auth.registry.seedBlob("secret/app", "shared layer");
    String q = query.replace("{hex}", secret.encoded()).replace("{D}", secret.toString());

    HttpResponse r = auth.send("POST", "/v2/team/app/blobs/uploads/?" + q, admin);

    assertThat(r.status()).as(q).isEqualTo(201);
  }

  static Stream<String> duplicatedParameters() {
    return Stream.of(
        "mount={D}&mount={D}&from=secret/app",
        "mount={D}&from=team/app&from=secret/app",
        "mount={D}&%66rom=team/app&from=secret/app",
        "mount={D}&from=secret/app&from=secret/app");
  }

  @ParameterizedTest
  @MethodSource("duplicatedParameters")
  void duplicatedMountParameters_areRefusedWith400(String query) {
    Digest secret = auth.registry.seedBlob("secret/app", "private layer");
    String q = query.replace("{D}", secret.toString());

    HttpResponse r = auth.send("POST", "/v2/team/leak/blobs/uploads/?" + q, admin);

    assertThat(r.status()).isEqualTo(400);
    assertThat(body(r)).contains("\"code\":\"UNSUPPORTED\"").contains("more than once");
    assertThat(auth.send("HEAD", "/v2/team/leak/blobs/" + secret, admin).status())
        .isEqualTo(404);
  }

  @Test
  void tokenWithoutTheFromScope_gets401InsufficientScopeNamingEveryScope() {
    Digest secret = auth.registry.seedBlob("secret/app", "private layer");
    String token = auth.bearer("pusher",
        new TokenAccess("repository", "team/leak", List.of("pull", "push")));

    HttpResponse r = auth.send("POST", "/v2/team/leak/blobs/uploads/?%6dount=" + secret
        + "&from=secret/app", token);

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.headers().first("WWW-Authenticate"))
        .contains("scope=\"repository:team/leak:pull,push repository:secret/app:pull\"")
        .contains("error=\"insufficient_scope\"");
    assertThat(auth.send("HEAD", "/v2/team/leak/blobs/" + secret, admin).status())
        .isEqualTo(404);
  }

  @Test
  void tokenWithTheFromScope_mounts() {
    Digest secret = auth.registry.seedBlob("secret/app", "shared layer");
    String token = auth.bearer("admin",
        new TokenAccess("repository", "team/app", List.of("pull", "push")),
        new TokenAccess("repository", "secret/app", List.of("pull")));

    HttpResponse r = auth.send("POST", "/v2/team/app/blobs/uploads/?mount=" + secret
        + "&from=secret/app", token);

    assertThat(r.status()).isEqualTo(201);
  }

  @Test
  void anonymousMount_isChallengedForTheTargetAndTheSource() {
    Digest secret = auth.registry.seedBlob("secret/app", "private layer");

    HttpResponse r = auth.send("POST", "/v2/team/app/blobs/uploads/?mount=" + secret
        + "&from=secret/app", null);

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.headers().first("WWW-Authenticate"))
        .contains("scope=\"repository:team/app:pull,push repository:secret/app:pull\"")
        .doesNotContain("insufficient_scope");
  }

  @Test
  void anInvalidFromName_isNotEchoedIntoTheChallenge() {
    HttpResponse r = auth.send("POST", "/v2/team/app/blobs/uploads/?mount=sha256:"
        + "0".repeat(64) + "&from=x%22,realm=%22http://evil", null);

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.headers().first("WWW-Authenticate"))
        .contains("scope=\"repository:team/app:pull,push\"")
        .doesNotContain("evil");
  }

  private static String body(HttpResponse r) {
    return new String(ManifestTestRegistry.bytes(r), StandardCharsets.UTF_8);
  }
}
