package dev.meridian.core.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The SSRF guard: which addresses a webhook may be sent to. A registry that POSTs to any
 * user-given URL from inside its network can be pointed at the cloud's metadata service or at
 * internal services (OWASP, "Server-Side Request Forgery Prevention Cheat Sheet"), so every address
 * a service URI's host resolves to must be global unicast ({@link AddressRanges}: the IANA
 * special-purpose ranges refused, IPv4 carried inside IPv6 judged as IPv4). Loopback and private
 * ranges (RFC 1918, RFC 6598, RFC 4193 ULA, benchmarking) pass only when the region allows them;
 * link-local (where the EC2/ECS metadata endpoints 169.254.169.254 and 169.254.170.2 live),
 * metadata, unspecified, broadcast, multicast, documentation and reserved addresses never do.
 * The check runs at create/update and again before each attempt (a name may be re-pointed after
 * creation).
 *
 * <p>Limit (DNS rebinding): the JDK 17 {@code HttpClient} resolves the name itself when it
 * connects and offers no hook to pin the checked address (no resolver SPI before JDK 18's JEP 418,
 * no socket factory, {@code Host} is a restricted header). The JVM caches a positive lookup for
 * 30 s by default ({@code networkaddress.cache.ttl}), so the connect made right after the check
 * normally reuses its answer; a name whose cached entry expires in between can still be rebound.
 * Over {@code https} the receiver must also present a certificate for the name, which an internal
 * service cannot. Redirects are not followed.
 *
 * @param allowLoopback loopback targets are allowed (the local runtime's default)
 * @param allowPrivate private-range targets are allowed (a region deployed inside a VPC whose
 *     receivers are internal)
 */
public record AddressPolicy(boolean allowLoopback, boolean allowPrivate) {

  /** Public addresses only: the default on AWS. */
  public static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(false, false);

  /** A name-to-addresses lookup (the JDK's resolver by default; tests may substitute one). */
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** {@link #refusal(URI, Resolver)} with the JDK resolver. */
  public String refusal(URI uri) {
    return refusal(uri, InetAddress::getAllByName);
  }

  /** Why {@code uri} may not be a target, or null when it may. */
  public String refusal(URI uri, Resolver resolver) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "service URI must be http or https";
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      return "service URI must name a host (and no user info)";
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(uri.getHost());
    } catch (UnknownHostException e) {
      return "service URI host does not resolve: " + uri.getHost();
    }
    for (InetAddress a : addresses) {
      for (AddressRanges.Verdict v : AddressRanges.classify(a)) {
        if (!allows(v.kind())) {
          return "service URI host " + uri.getHost() + " resolves to " + a.getHostAddress()
              + ": " + v.why() + "; this region does not allow it";
        }
      }
    }
    return null;
  }

  private boolean allows(AddressRanges.Kind kind) {
    return switch (kind) {
      case PUBLIC -> true;
      case LOOPBACK -> allowLoopback;
      case PRIVATE -> allowPrivate;
      case NEVER -> false;
    };
  }
}
