package dev.meridian.core.builds;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.webhooks.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signature of a request to a task's HTTP trigger URL (docs/builds.md "HTTP
 * triggers") and names the delivery, so a replay of it starts no second run. Two schemes, with
 * the task's one secret:
 *
 * <ul>
 *   <li><b>Standard Webhooks</b> (what Meridian's own webhooks send; github.com/standard-webhooks,
 *       spec "Verifying webhook authenticity"): {@code webhook-signature} holds one or more
 *       space-separated {@code v1,<base64>} over {@code <webhook-id>.<webhook-timestamp>.<body>},
 *       keyed by the secret's base64 part. The timestamp must be within {@link #TOLERANCE} of now
 *       (the spec's 5 minutes); the delivery is its {@code webhook-id}, which the signature
 *       covers.
 *   <li><b>GitHub</b> (docs.github.com, "Validating webhook deliveries"): {@code
 *       X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>}, keyed by the secret's UTF-8
 *       bytes as pasted into GitHub. GitHub signs neither a time nor {@code X-GitHub-Delivery},
 *       so the delivery is the SHA-256 of the signed body: GitHub's "Redeliver" and a captured
 *       request replayed (even with another delivery header) name the same run.
 * </ul>
 *
 * Comparisons are constant-time ({@link MessageDigest#isEqual}). Anything else is 401.
 */
public final class SourceSignature {
  public static final String GITHUB_HEADER = "X-Hub-Signature-256";
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private SourceSignature() {}

  /**
   * Returns the delivery's replay key (hex, 32 characters) when {@code request}'s signature over
   * {@code body} holds for {@code secret}; throws a 401 {@link RegistryException} otherwise.
   */
  public static String verify(String secret, HttpRequest request, byte[] body, Instant now) {
    String standard = request.header(WebhookSigner.SIGNATURE_HEADER);
    if (standard != null) {
      return standardWebhooks(secret, request, body, standard, now);
    }
    String github = request.header(GITHUB_HEADER);
    if (github != null) {
      return gitHub(secret, body, github);
    }
    throw denied("the request carries no signature: send " + WebhookSigner.SIGNATURE_HEADER
        + " (Standard Webhooks) or " + GITHUB_HEADER + " (GitHub)");
  }

  private static String standardWebhooks(String secret, HttpRequest request, byte[] body,
      String signatures, Instant now) {
    String id = request.header(WebhookSigner.ID_HEADER);
    String timestamp = request.header(WebhookSigner.TIMESTAMP_HEADER);
    if (id == null || id.isBlank() || timestamp == null) {
      throw denied("a Standard Webhooks signature needs " + WebhookSigner.ID_HEADER + " and "
          + WebhookSigner.TIMESTAMP_HEADER);
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      throw denied(WebhookSigner.TIMESTAMP_HEADER + " is not epoch seconds");
    }
    if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
      throw denied(WebhookSigner.TIMESTAMP_HEADER + " is more than " + TOLERANCE.toMinutes()
          + " minutes from now: a replay, or a clock that is off");
    }
    byte[] expected = WebhookSigner.sign(secret, id, seconds, body)
        .getBytes(StandardCharsets.US_ASCII);
    for (String candidate : signatures.strip().split("\\s+")) {
      if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
        return key("standard-webhooks\n" + id);
      }
    }
    throw denied(WebhookSigner.SIGNATURE_HEADER + " does not match the task's secret");
  }

  private static String gitHub(String secret, byte[] body, String header) {
    String value = header.strip();
    if (!value.startsWith("sha256=")) {
      throw denied(GITHUB_HEADER + " must be sha256=<hex>");
    }
    byte[] expected = ("sha256=" + HexFormat.of().formatHex(hmac(
        secret.getBytes(StandardCharsets.UTF_8), body))).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected,
        value.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      throw denied(GITHUB_HEADER + " does not match the task's secret");
    }
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(body);
      return key("github\n" + HexFormat.of().formatHex(sha));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** GitHub's signature: HMAC-SHA256 of the body under the secret's bytes. */
  public static byte[] hmac(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String key(String delivery) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256")
          .digest(delivery.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static RegistryException denied(String why) {
    return new RegistryException(ErrorKind.UNAUTHORIZED, why);
  }
}
