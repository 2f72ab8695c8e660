package dev.meridian.local;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The bootstrap {@code admin} account of every runtime the tests start: surefire sets {@code
 * MERIDIAN_BOOTSTRAP_PASSWORD} for this module (pom.xml), as a CI script would. Tests about
 * something other than auth sign their requests with it; the auth tests use other accounts too.
 */
public final class TestAdmin {
  public static final String USER = "admin";
  public static final String PASSWORD = password();
  /** {@code Authorization} header value. */
  public static final String BASIC = basic(USER, PASSWORD);

  private TestAdmin() {}

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code request} with the admin's Basic credentials. */
  public static HttpRequest signed(HttpRequest request) {
    return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
        .header("Authorization", BASIC).build();
  }

  /** {@code user:password} for skopeo's {@code --creds} flags. */
  public static String skopeoCreds() {
    return USER + ":" + PASSWORD;
  }

  private static String password() {
    String p = System.getenv("MERIDIAN_BOOTSTRAP_PASSWORD");
    if (p == null || p.isEmpty()) {
      throw new IllegalStateException("MERIDIAN_BOOTSTRAP_PASSWORD is not set: run the tests "
          + "through Maven (functions/local/pom.xml sets it for surefire)");
    }
    return p;
  }
}
