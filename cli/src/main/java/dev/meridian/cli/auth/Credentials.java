package dev.meridian.cli.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password (or robot secret) for one registry. */
public record Credentials(String user, String password) {

  public Credentials {
    if (user == null || user.isEmpty() || user.contains(":")) {
      throw new IllegalArgumentException("user name must be non-empty and contain no ':'");
    }
  }

  /** The credential file's {@code auth} value: base64 of {@code user:password}. */
  public String encoded() {
    return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public String basicHeader() {
    return "Basic " + encoded();
  }

  static Credentials decode(String auth) {
    String plain = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
    int colon = plain.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("auth entry is not base64(user:password)");
    }
    return new Credentials(plain.substring(0, colon), plain.substring(colon + 1));
  }

  @Override
  public String toString() {
    return "Credentials[" + user + ":***]";
  }
}
