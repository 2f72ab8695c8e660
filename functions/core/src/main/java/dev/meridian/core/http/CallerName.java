package dev.meridian.core.http;


/**
 * The authenticated caller's account name, handed from the access check to the routes behind it
 * in a request header that only the registry sets: {@link #clear} removes any value a client sent
 * before authentication, {@link #set} writes the name the gate authenticated. The builds API
 * records it as a run's owner (docs/security.md "A run acts as its owner").
 */
public final class CallerName {
  public static final String HEADER = "Meridian-Caller";
  /** The account name a sign-in claimed before it was checked (the audit log's failed sign-ins). */
  public static final String ATTEMPTED_HEADER = "Meridian-Sign-In-Name";

  private CallerName() {}

  /** Drops a client-sent value; the registry calls this on every request before routing. */
  public static void clear(HttpRequest request) {
    request.headers().remove(HEADER);
    request.headers().remove(ATTEMPTED_HEADER);
  }

  public static void set(HttpRequest request, String account) {
    request.headers().set(HEADER, account);
  }

  /** The authenticated caller's name; "" when anonymous or when the registry has no auth. */
  public static String of(HttpRequest request) {
    String name = request.header(HEADER);
    return name == null ? "" : name;
  }
}
