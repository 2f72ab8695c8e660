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
    RegistryException e = new RegistryException(ErrorKind.MANIFEST_BLOB_UNKNOWN, "missing",
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
        new RegistryException(ErrorKind.DENIED, null))).get("errors").get(0);
    assertThat(entry.has("detail")).isFalse();
    assertThat(entry.get("message").asText()).isEqualTo(OciErrorCode.DENIED.message());
  }

  @Test
  void render_ofAKindSharingACode_writesTheKindsCode() throws Exception {
    JsonNode entry = json.readTree(OciErrorRenderer.render(
        ErrorKind.CONFLICT.because("webhook w1 exists"))).get("errors").get(0);
    assertThat(entry.get("code").asText()).isEqualTo("UNSUPPORTED");
    assertThat(entry.get("message").asText()).isEqualTo("webhook w1 exists");
  }

  @Test
  void render_ofACodeAndMessage_writesTheBodyWithoutDetail() throws Exception {
    JsonNode entry = json.readTree(OciErrorRenderer.render(OciErrorCode.UNSUPPORTED,
        "request line longer than 8192 bytes")).get("errors").get(0);
    assertThat(entry.get("code").asText()).isEqualTo("UNSUPPORTED");
    assertThat(entry.get("message").asText()).isEqualTo("request line longer than 8192 bytes");
    assertThat(entry.has("detail")).isFalse();
  }

  @Test
  void codes_areTheSpecsFourteen() {
    assertThat(OciErrorCode.values()).hasSize(14);
  }
}
