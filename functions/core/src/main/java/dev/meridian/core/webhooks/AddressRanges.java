package dev.meridian.core.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What kind of address a webhook target is, for {@link AddressPolicy}: an allow-list of the
 * global unicast space with the IANA special-purpose registries carved out (RFC 6890 and its
 * updates; iana.org/assignments/iana-ipv4-special-registry and iana-ipv6-special-registry).
 *
 * <p>An IPv6 address that carries an IPv4 address is judged by the IPv4 rules too, because
 * something on the path (the host's stack, a NAT64 or 6to4 gateway) may deliver it to that IPv4
 * address: IPv4-compatible {@code ::a.b.c.d} (RFC 4291 §2.5.5.1), IPv4-mapped
 * {@code ::ffff:a.b.c.d} (§2.5.5.2), IPv4-translated {@code ::ffff:0:a.b.c.d} (RFC 2765), NAT64
 * {@code 64:ff9b::/96} (RFC 6052) and the local-use {@code 64:ff9b:1::/48} (RFC 8215; itself
 * private), 6to4 {@code 2002::/16} (RFC 3056) and ISATAP interface identifiers
 * {@code ::0:5efe:a.b.c.d} / {@code ::200:5efe:a.b.c.d} (RFC 5214). Teredo
 * ({@code 2001::/32}, inside 2001::/23) is refused outright: no webhook receiver lives there, and
 * a relay would carry the request to whatever IPv4 address it encodes.
 */
final class AddressRanges {

  /** How {@link AddressPolicy} treats a kind: public passes, two need a switch, never fails. */
  enum Kind { PUBLIC, LOOPBACK, PRIVATE, NEVER }

  /** A kind and the words that name it in a refusal ("a link-local address"). */
  record Verdict(Kind kind, String why) {}

  private record Range(byte[] prefix, int bits, Verdict verdict) {
    boolean matches(byte[] a) {
      if (a.length != prefix.length) {
        return false;
      }
      int whole = bits / 8;
      int rest = bits % 8;
      if (!Arrays.equals(a, 0, whole, prefix, 0, whole)) {
        return false;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return rest == 0 || (a[whole] & mask) == (prefix[whole] & mask);
    }
  }

  private static final Verdict PUBLIC = new Verdict(Kind.PUBLIC, null);
  private static final Verdict LOCAL_NAT64 =
      new Verdict(Kind.PRIVATE, "a local-use NAT64 address (RFC 8215)");

  /** First match wins: the narrow entries come before the ranges that hold them. */
  private static final List<Range> IPV4 = List.of(
      range("100.100.100.200/32", Kind.NEVER, "the Alibaba Cloud metadata address"),
      range("168.63.129.16/32", Kind.NEVER, "the Azure host (wireserver) address"),
      range("0.0.0.0/8", Kind.NEVER, "a 'this network' address (RFC 791)"),
      range("10.0.0.0/8", Kind.PRIVATE, "a private address (RFC 1918)"),
      range("100.64.0.0/10", Kind.PRIVATE, "a shared address (RFC 6598, carrier-grade NAT)"),
      range("127.0.0.0/8", Kind.LOOPBACK, "a loopback address"),
      range("169.254.0.0/16", Kind.NEVER,
          "a link-local address (RFC 3927; the EC2/ECS metadata endpoints live here)"),
      range("172.16.0.0/12", Kind.PRIVATE, "a private address (RFC 1918)"),
      range("192.0.0.0/24", Kind.NEVER, "an IETF protocol assignment (RFC 6890)"),
      range("192.0.2.0/24", Kind.NEVER, "a documentation address (RFC 5737)"),
      range("192.88.99.0/24", Kind.NEVER, "a 6to4 relay anycast address (RFC 7526)"),
      range("192.168.0.0/16", Kind.PRIVATE, "a private address (RFC 1918)"),
      range("198.18.0.0/15", Kind.PRIVATE, "a benchmarking address (RFC 2544)"),
      range("198.51.100.0/24", Kind.NEVER, "a documentation address (RFC 5737)"),
      range("203.0.113.0/24", Kind.NEVER, "a documentation address (RFC 5737)"),
      range("224.0.0.0/4", Kind.NEVER, "a multicast address"),
      range("255.255.255.255/32", Kind.NEVER, "the limited broadcast address (RFC 919)"),
      range("240.0.0.0/4", Kind.NEVER, "a reserved address (RFC 1112)"),
      range("0.0.0.0/0", Kind.PUBLIC, null));

  /** Checked after the IPv4-carrying forms; only 2000::/3 is assigned as global unicast. */
  private static final List<Range> IPV6 = List.of(
      range("::/128", Kind.NEVER, "the unspecified address"),
      range("::1/128", Kind.LOOPBACK, "a loopback address"),
      range("fd00:ec2::254/128", Kind.NEVER, "the EC2 IPv6 metadata address"),
      range("fc00::/7", Kind.PRIVATE, "a unique local address (RFC 4193)"),
      range("fe80::/10", Kind.NEVER, "a link-local address"),
      range("fec0::/10", Kind.PRIVATE, "a site-local address (RFC 3879, deprecated)"),
      range("ff00::/8", Kind.NEVER, "a multicast address"),
      range("100::/64", Kind.NEVER, "a discard-only address (RFC 6666)"),
      range("2001::/23", Kind.NEVER, "an IETF protocol assignment (Teredo, ORCHID; RFC 2928)"),
      range("2001:db8::/32", Kind.NEVER, "a documentation address (RFC 3849)"),
      range("3fff::/20", Kind.NEVER, "a documentation address (RFC 9637)"),
      range("2000::/3", Kind.PUBLIC, null),
      range("::/0", Kind.NEVER, "an address outside global unicast (2000::/3)"));

  private AddressRanges() {}

  /** Every verdict that applies to {@code address}: its own and those of IPv4 it carries. */
  static List<Verdict> classify(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return List.of(first(IPV4, b));
    }
    List<Verdict> verdicts = new ArrayList<>();
    if (isZero(b, 0, 12) && !isZero(b, 12, 15)) { // ::a.b.c.d, but not :: or ::1
      verdicts.add(embedded("IPv4-compatible", b, 12, 13, 14, 15));
    } else if (isZero(b, 0, 10) && ff(b, 10)) {
      verdicts.add(embedded("IPv4-mapped", b, 12, 13, 14, 15));
    } else if (isZero(b, 0, 8) && ff(b, 8) && isZero(b, 10, 12)) {
      verdicts.add(embedded("IPv4-translated", b, 12, 13, 14, 15));
    } else if (startsWith(b, 0x00, 0x64, 0xff, 0x9b) && isZero(b, 4, 12)) {
      verdicts.add(embedded("NAT64", b, 12, 13, 14, 15));
    } else if (startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
      verdicts.add(LOCAL_NAT64);
      verdicts.addAll(localNat64(b));
    } else if (startsWith(b, 0x20, 0x02)) {
      verdicts.add(embedded("6to4", b, 2, 3, 4, 5));
    } else {
      verdicts.add(first(IPV6, b));
      if ((b[8] & 0xfd) == 0 && b[9] == 0 && (b[10] & 0xff) == 0x5e && (b[11] & 0xff) == 0xfe) {
        verdicts.add(embedded("ISATAP", b, 12, 13, 14, 15));
      }
    }
    return verdicts;
  }

  /**
   * The IPv4 addresses a local-use NAT64 address may carry: its prefix length is the operator's,
   * so every RFC 6052 §2.2 position whose constraints hold counts — /48, /56 and /64 when the
   * u-octet (bits 64–71) and the suffix after the IPv4 bits are zero, /96 unless its 32 bits are
   * zero (then they are a shorter position's suffix).
   */
  private static List<Verdict> localNat64(byte[] b) {
    List<Verdict> verdicts = new ArrayList<>();
    if (b[8] == 0 && isZero(b, 11, 16)) {
      verdicts.add(embedded("local-use NAT64 (/48)", b, 6, 7, 9, 10));
    }
    if (b[8] == 0 && isZero(b, 12, 16)) {
      verdicts.add(embedded("local-use NAT64 (/56)", b, 7, 9, 10, 11));
    }
    if (b[8] == 0 && isZero(b, 13, 16)) {
      verdicts.add(embedded("local-use NAT64 (/64)", b, 9, 10, 11, 12));
    }
    if (!isZero(b, 12, 16)) {
      verdicts.add(embedded("local-use NAT64 (/96)", b, 12, 13, 14, 15));
    }
    return verdicts;
  }

  /** The IPv4 verdict of the four bytes at {@code at}, its words naming the form it came in. */
  private static Verdict embedded(String form, byte[] b, int... at) {
    byte[] v4 = {b[at[0]], b[at[1]], b[at[2]], b[at[3]]};
    Verdict inner = first(IPV4, v4);
    if (inner.kind() == Kind.PUBLIC) {
      return inner;
    }
    String dotted = (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "."
        + (v4[3] & 0xff);
    return new Verdict(inner.kind(), form + " for " + dotted + ", " + inner.why());
  }

  private static Verdict first(List<Range> table, byte[] b) {
    return table.stream().filter(r -> r.matches(b)).findFirst().orElseThrow().verdict();
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean ff(byte[] b, int i) {
    return (b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xff;
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static Range range(String cidr, Kind kind, String why) {
    int slash = cidr.indexOf('/');
    try { // literals only: getByName does no lookup for them
      byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
      return new Range(prefix, Integer.parseInt(cidr.substring(slash + 1)),
          kind == Kind.PUBLIC ? PUBLIC : new Verdict(kind, why));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("bad range " + cidr, e);
    }
  }
}
