package dev.meridian.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciErrorRendererTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void render_withDetail_hasErrorsArrayWithCodeMessageDetail() throws Exception {
    RegistryException e = new RegistryException(OciErrorCode.MANIFEST_BLOB_UNKNOWN, 400, "missing",
        Map.of("digest", "sha256:x"), Map.of());
    JsonNode root = json.readTree(OciErrorRenderer.render(e));
    assertThat(root.fieldNames()).toIterable().containsExactly("errors");
    JsonNode entry = root.get("errors").get(0);
    assertThat(entry.get("code").asText()).isEqualTo("MANIFEST_BLOB_UNKNOWN");
    assertThat(entry.get("message").asText()).isEqualTo("missing");
    assertThat(entry.get("detail").get("digest").asText()).isEqualTo("sha256:x");
  }

  @Test
  void render_withoutDetailOrMessage_omitsDetailAndUsesCodeMessage() throws Exception {
    JsonNode entry = json.readTree(OciErrorRenderer.render(
        new RegistryException(OciErrorCode.DENIED, null))).get("errors").get(0);
    assertThat(entry.has("detail")).isFalse();
    assertThat(entry.get("message").asText()).isEqualTo(OciErrorCode.DENIED.message());
  }

  @Test
  void codes_fourteenWithSpecStatuses() {
    assertThat(OciErrorCode.values()).hasSize(14);
    assertThat(OciErrorCode.MANIFEST_UNKNOWN.status()).isEqualTo(404);
    assertThat(OciErrorCode.NAME_UNKNOWN.status()).isEqualTo(404);
    assertThat(OciErrorCode.UNAUTHORIZED.status()).isEqualTo(401);
    assertThat(OciErrorCode.TOOMANYREQUESTS.status()).isEqualTo(429);
    assertThat(new RegistryException(OciErrorCode.MANIFEST_INVALID, 413, "big").status()).isEqualTo(413);
  }
}
