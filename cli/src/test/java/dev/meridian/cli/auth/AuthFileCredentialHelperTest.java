package dev.meridian.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.cli.error.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code credsStore} and {@code credHelpers} through real helper programs (docker's protocol). */
class AuthFileCredentialHelperTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Credentials ADMIN = new Credentials("admin", "s3cret:with\"quote");

  @TempDir Path dir;

  private AuthFile file(String config, String path) throws Exception {
    Path config_ = dir.resolve("config.json");
    Files.writeString(config_, config);
    return new AuthFile(config_, path);
  }

  @Test
  void put_withCredsStore_storesInTheHelper_andLeavesAnEmptyEntryInTheFile() throws Exception {
    FakeCredentialHelper helper = FakeCredentialHelper.install(dir, "fake");
    AuthFile file = file("{\"credsStore\":\"fake\",\"proxies\":{\"kept\":true}}", helper.path());

    file.put("127.0.0.1:5000", ADMIN);

    JsonNode stored = JSON.readTree(helper.entry("127.0.0.1:5000").orElseThrow());
    assertThat(stored.path("ServerURL").asText()).isEqualTo("127.0.0.1:5000");
    assertThat(stored.path("Username").asText()).isEqualTo("admin");
    assertThat(stored.path("Secret").asText()).isEqualTo(ADMIN.password());
    JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
    assertThat(config.path("auths").path("127.0.0.1:5000").size()).isZero();
    assertThat(config.path("proxies").path("kept").asBoolean()).isTrue();
    assertThat(Files.readString(dir.resolve("config.json"))).doesNotContain("s3cret");
    assertThat(file.get("127.0.0.1:5000")).contains(ADMIN);
    assertThat(file.storeFor("127.0.0.1:5000")).startsWith("docker-credential-fake");
  }

  @Test
  void get_whenTheHelperHasNoEntry_fallsBackToTheFilesInlineAuth_elseEmpty() throws Exception {
    FakeCredentialHelper helper = FakeCredentialHelper.install(dir, "fake");
    AuthFile file = file("{\"credsStore\":\"fake\",\"auths\":{\"old:1\":{\"auth\":\""
        + ADMIN.encoded() + "\"}}}", helper.path());

    assertThat(file.get("old:1")).contains(ADMIN);
    assertThat(file.get("none:1")).isEmpty();
    assertThat(helper.calls()).containsExactly("get", "get");
  }

  @Test
  void credHelpers_takePrecedenceOverCredsStore_forTheirRegistryOnly() throws Exception {
    FakeCredentialHelper store = FakeCredentialHelper.install(dir, "store");
    FakeCredentialHelper special = FakeCredentialHelper.install(dir, "special");
    AuthFile file = file("{\"credsStore\":\"store\",\"credHelpers\":{\"special:1\":\"special\"}}",
        store.path());

    file.put("special:1", ADMIN);
    file.put("other:1", new Credentials("bob", "pw"));

    assertThat(special.entry("special:1")).isPresent();
    assertThat(store.entry("special:1")).isEmpty();
    assertThat(store.entry("other:1")).isPresent();
    assertThat(file.get("special:1")).contains(ADMIN);
    assertThat(file.get("other:1")).contains(new Credentials("bob", "pw"));
  }

  @Test
  void remove_erasesFromTheHelperAndTheFile_thenReportsNothingToRemove() throws Exception {
    FakeCredentialHelper helper = FakeCredentialHelper.install(dir, "fake");
    AuthFile file = file("{\"credsStore\":\"fake\"}", helper.path());
    file.put("r:1", ADMIN);

    assertThat(file.remove("r:1")).isTrue();

    assertThat(helper.entry("r:1")).isEmpty();
    assertThat(JSON.readTree(dir.resolve("config.json").toFile()).path("auths").has("r:1")).isFalse();
    assertThat(file.get("r:1")).isEmpty();
    assertThat(file.remove("r:1")).isFalse();
  }

  @Test
  void get_whenTheHelperIsNotOnPath_failsNamingTheProgram() throws Exception {
    AuthFile file = file("{\"credsStore\":\"absent\"}", dir.resolve("empty-bin").toString());

    assertThatThrownBy(() -> file.get("r:1")).isInstanceOf(CliException.class)
        .hasMessageContaining("docker-credential-absent is not on PATH");
  }
}
