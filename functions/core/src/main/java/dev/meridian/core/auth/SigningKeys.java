package dev.meridian.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The key ring: the key that signs new tokens ({@link #current()}) and the keys that still
 * verify. Rotation (docs/security.md "Signing keys") adds a new signing key and retires the
 * current one, which keeps verifying until every token it signed has expired; keys retired longer
 * than a token lifetime ago are dropped. So rotation never invalidates a live token.
 *
 * <p>JSON form (the local runtime's key file and the AWS secret): {@code {"keys":[{"kid":…,
 * "secret":base64,"created":…,"retired":…|null}]}}; the one key without {@code retired} signs.
 */
public record SigningKeys(List<SigningKey> keys) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public SigningKeys {
    keys = List.copyOf(keys);
    if (keys.stream().filter(k -> k.retired() == null).count() != 1) {
      throw new IllegalArgumentException("exactly one signing key must be current (not retired)");
    }
    if (keys.stream().map(SigningKey::kid).distinct().count() != keys.size()) {
      throw new IllegalArgumentException("signing key ids must be unique");
    }
  }

  public SigningKey current() {
    return keys.stream().filter(k -> k.retired() == null).findFirst().orElseThrow();
  }

  public Optional<SigningKey> find(String kid) {
    return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
  }

  /** A ring of one fresh random key. */
  public static SigningKeys generate(Instant now, SecureRandom random) {
    return new SigningKeys(List.of(newKey(now, random)));
  }

  /**
   * A new signing key; the current one retires now and keeps verifying; keys retired more than
   * {@code tokenLifetime} ago go (no token they signed is still valid).
   */
  public SigningKeys rotate(Instant now, Duration tokenLifetime, SecureRandom random) {
    List<SigningKey> next = new ArrayList<>();
    for (SigningKey k : keys) {
      if (k.retired() == null) {
        next.add(k.retiredAt(now));
      } else if (!k.retired().plus(tokenLifetime).isBefore(now)) {
        next.add(k);
      }
    }
    next.add(newKey(now, random));
    return new SigningKeys(next);
  }

  private static SigningKey newKey(Instant now, SecureRandom random) {
    byte[] secret = new byte[SigningKey.MIN_BYTES];
    random.nextBytes(secret);
    byte[] id = new byte[6];
    random.nextBytes(id);
    return new SigningKey(Base64.getUrlEncoder().withoutPadding().encodeToString(id), secret, now,
        null);
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("keys");
    for (SigningKey k : keys) {
      array.addObject()
          .put("kid", k.kid())
          .put("secret", Base64.getEncoder().encodeToString(k.secret()))
          .put("created", k.created() == null ? null : k.created().toString())
          .put("retired", k.retired() == null ? null : k.retired().toString());
    }
    return root.toString();
  }

  public static SigningKeys fromJson(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      List<SigningKey> keys = new ArrayList<>();
      for (JsonNode k : root.path("keys")) {
        keys.add(new SigningKey(k.path("kid").asText(),
            Base64.getDecoder().decode(k.path("secret").asText()),
            instant(k.get("created")), instant(k.get("retired"))));
      }
      return new SigningKeys(keys);
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid signing keys JSON: " + e.getMessage(), e);
    }
  }

  private static Instant instant(JsonNode node) {
    return node == null || node.isNull() ? null : Instant.parse(node.asText());
  }

  @Override
  public String toString() {
    return "SigningKeys" + keys;
  }
}
