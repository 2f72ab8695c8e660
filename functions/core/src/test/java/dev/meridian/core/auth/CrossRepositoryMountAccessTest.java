package dev.meridian.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.oci.Digest;
import org.junit.jupiter.api.Test;

/**
 * A mount hands the target repository a blob of the source: only for callers who may pull the
 * source. Otherwise the POST opens a normal upload (202), as CNCF distribution does.
 */
class CrossRepositoryMountAccessTest {
  private final AuthTestRegistry auth = new AuthTestRegistry();

  @Test
  void mountFromARepositoryTheCallerCannotPullOpensAnUploadInstead() {
    Digest secret = auth.registry.seedBlob("secret/app", "private layer");
    auth.account("mounter", java.util.Set.of(), Grant.of("team/**", Action.PULL, Action.PUSH));
    String mounter = AuthTestRegistry.basic("mounter", AuthTestRegistry.PASSWORD);

    HttpResponse r = auth.send("POST", "/v2/team/app/blobs/uploads/?mount=" + secret
        + "&from=secret/app", mounter);
    assertThat(r.status()).isEqualTo(202);
    assertThat(auth.send("HEAD", "/v2/team/app/blobs/" + secret,
        AuthTestRegistry.basic("admin", AuthTestRegistry.PASSWORD)).status()).isEqualTo(404);

    HttpResponse admin = auth.send("POST", "/v2/team/app/blobs/uploads/?mount=" + secret
        + "&from=secret/app", AuthTestRegistry.basic("admin", AuthTestRegistry.PASSWORD));
    assertThat(admin.status()).isEqualTo(201);
  }
}
