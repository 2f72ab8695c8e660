package dev.meridian.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  /**
   * The Standard Webhooks test vector, as published in standard-webhooks/standard-webhooks
   * libraries/go/webhook_test.go ({@code TestWebhookSign}) and the other reference libraries.
   */
  @Test
  void sign_withSpecTestVector_matchesPublishedSignature() {
    String signature = WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
        "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void sign_withoutPrefix_isTheSame() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookSigner.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "id", 1, body))
        .isEqualTo(WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "id", 1, body));
  }

  @Test
  void newSecret_isValidAndFresh() {
    String a = WebhookSigner.newSecret();
    WebhookSigner.validate(a);
    assertThat(a).startsWith("whsec_").isNotEqualTo(WebhookSigner.newSecret());
  }

  @Test
  void validate_whenTooShortOrNotBase64_fails() {
    assertThatThrownBy(() -> WebhookSigner.validate("whsec_c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSigner.validate("whsec_not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
