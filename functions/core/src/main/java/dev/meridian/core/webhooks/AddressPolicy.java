package dev.meridian.core.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The SSRF guard: which addresses a webhook may be sent to. A registry that POSTs to any
 * user-given URL from inside its network can be pointed at the cloud's metadata service or at
 * internal services (OWASP, "Server-Side Request Forgery Prevention Cheat Sheet"), so a service URI
 * whose host resolves to a loopback, private (RFC 1918, RFC 4193 ULA, RFC 6598 shared), link-local
 * (169.254/16, fe80::/10 — which holds the EC2/ECS metadata endpoints 169.254.169.254 and
 * 169.254.170.2), unspecified or multicast address is refused unless the region allows it.
 * Link-local and metadata addresses are never allowed. Every address the name resolves to must
 * pass, and the check runs again before each attempt (a name may be re-pointed after creation).
 *
 * <p>Limit: the HTTP client resolves the name again when it connects, so a DNS answer that changes
 * between the check and the connection (rebinding) is not caught; redirects are not followed.
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
      String why = refusal(a);
      if (why != null) {
        return "service URI host " + uri.getHost() + " resolves to " + why + " address "
            + a.getHostAddress() + ", which this region does not allow";
      }
    }
    return null;
  }

  private String refusal(InetAddress a) {
    if (a.isLinkLocalAddress() || isMetadata(a)) {
      return "a link-local or metadata";
    }
    if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
      return "an unspecified or multicast";
    }
    if (a.isLoopbackAddress()) {
      return allowLoopback ? null : "a loopback";
    }
    if (a.isSiteLocalAddress() || isUniqueLocal(a) || isSharedAddressSpace(a)) {
      return allowPrivate ? null : "a private";
    }
    return null;
  }

  /** fd00:ec2::254, EC2's IPv6 metadata endpoint (inside the ULA range, refused regardless). */
  private static boolean isMetadata(InetAddress a) {
    byte[] b = a.getAddress();
    return a instanceof Inet6Address && (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e
        && (b[3] & 0xff) == 0xc2 && (b[15] & 0xff) == 0x54 && b[14] == 0x02;
  }

  /** fc00::/7 (RFC 4193). */
  private static boolean isUniqueLocal(InetAddress a) {
    return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
  }

  /** 100.64.0.0/10 (RFC 6598, carrier-grade NAT; also used inside cloud networks). */
  private static boolean isSharedAddressSpace(InetAddress a) {
    byte[] b = a.getAddress();
    return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
  }
}
