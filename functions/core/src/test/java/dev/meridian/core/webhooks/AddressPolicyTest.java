package dev.meridian.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {
  private static final AddressPolicy LOOPBACK_ONLY = new AddressPolicy(true, false);
  private static final AddressPolicy PRIVATE_ONLY = new AddressPolicy(false, true);
  private static final AddressPolicy BOTH = new AddressPolicy(true, true);

  /**
   * Literal addresses only (no DNS needed), under the four policies: public only (AWS default),
   * loopback allowed (the local runtime), private allowed, both. Embedded IPv4 (compatible, mapped,
   * translated, 6to4, NAT64) is judged by the IPv4 rules.
   */
  @ParameterizedTest(name = "{0} public={1} loopback={2} private={3} both={4}")
  @CsvSource({
      // loopback and private ranges
      "http://127.0.0.1:8080/hook, refused, allowed, refused, allowed",
      "http://127.255.255.254/, refused, allowed, refused, allowed",
      "http://[::1]/hook, refused, allowed, refused, allowed",
      "http://10.1.2.3/hook, refused, refused, allowed, allowed",
      "http://172.16.0.1/hook, refused, refused, allowed, allowed",
      "http://192.168.1.1/hook, refused, refused, allowed, allowed",
      "http://100.64.0.1/hook, refused, refused, allowed, allowed",
      "http://100.127.255.255/, refused, refused, allowed, allowed",
      "http://198.18.0.1/, refused, refused, allowed, allowed",
      "http://[fd12::1]/hook, refused, refused, allowed, allowed",
      "http://[fc00::1]/, refused, refused, allowed, allowed",
      "http://[fec0::1]/, refused, refused, allowed, allowed",
      // link-local and cloud metadata: never
      "http://169.254.169.254/latest/meta-data, refused, refused, refused, refused",
      "http://169.254.170.2/v2/credentials, refused, refused, refused, refused",
      "http://169.254.0.1/, refused, refused, refused, refused",
      "http://2852039166/, refused, refused, refused, refused",
      "http://100.100.100.200/, refused, refused, refused, refused",
      "http://168.63.129.16/, refused, refused, refused, refused",
      "http://[fd00:ec2::254]/, refused, refused, refused, refused",
      "http://[fe80::1]/, refused, refused, refused, refused",
      // special-purpose IPv4 (IANA registry, RFC 6890): never
      "http://0.0.0.0/, refused, refused, refused, refused",
      "http://0.1.2.3/, refused, refused, refused, refused",
      "http://192.0.0.1/, refused, refused, refused, refused",
      "http://192.0.2.1/, refused, refused, refused, refused",
      "http://198.51.100.1/, refused, refused, refused, refused",
      "http://203.0.113.1/, refused, refused, refused, refused",
      "http://192.88.99.1/, refused, refused, refused, refused",
      "http://224.0.0.1/, refused, refused, refused, refused",
      "http://239.255.255.250/, refused, refused, refused, refused",
      "http://240.0.0.1/, refused, refused, refused, refused",
      "http://255.255.255.255/, refused, refused, refused, refused",
      // special-purpose IPv6: never
      "http://[::]/, refused, refused, refused, refused",
      "http://[ff02::1]/, refused, refused, refused, refused",
      "http://[ff0e::1]/, refused, refused, refused, refused",
      "http://[2001:db8::1]/, refused, refused, refused, refused",
      "http://[3fff::1]/, refused, refused, refused, refused",
      "http://[100::1]/, refused, refused, refused, refused",
      "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/, refused, refused, refused, refused",
      "http://[5f00::1]/, refused, refused, refused, refused",
      "http://[4000::1]/, refused, refused, refused, refused",
      // IPv4 embedded in IPv6: the IPv4 rules apply
      "http://[::169.254.169.254]/, refused, refused, refused, refused",
      "http://[::ffff:169.254.169.254]/, refused, refused, refused, refused",
      "http://[::ffff:0:a9fe:a9fe]/, refused, refused, refused, refused",
      "http://[2002:a9fe:a9fe::1]/, refused, refused, refused, refused",
      "http://[64:ff9b::a9fe:a9fe]/, refused, refused, refused, refused",
      "http://[64:ff9b:1::a9fe:a9fe]/, refused, refused, refused, refused",
      "http://[::ffff:ffff:ffff]/, refused, refused, refused, refused",
      "http://[64:ff9b::ffff:ffff]/, refused, refused, refused, refused",
      "http://[2002:ffff:ffff::1]/, refused, refused, refused, refused",
      "http://[::127.0.0.1]/, refused, allowed, refused, allowed",
      "http://[2002:7f00:1::1]/, refused, allowed, refused, allowed",
      "http://[64:ff9b::7f00:1]/, refused, allowed, refused, allowed",
      "http://[::10.0.0.1]/, refused, refused, allowed, allowed",
      "http://[::ffff:0:a00:1]/, refused, refused, allowed, allowed",
      "http://[2002:a00:1::1]/, refused, refused, allowed, allowed",
      "http://[64:ff9b::10.1.2.3]/, refused, refused, allowed, allowed",
      "http://[64:ff9b:1::5db8:d822]/, refused, refused, allowed, allowed",
      "http://[64:ff9b:1:5db8:d8:2200::]/, refused, refused, allowed, allowed",
      "http://[64:ff9b:1:a9fe:a9:fe00::]/, refused, refused, refused, refused",
      "http://[64:ff9b:1:ffff:ffff:ff00:ffff:ffff]/, refused, refused, refused, refused",
      "http://[fe80::200:5efe:a9fe:a9fe]/, refused, refused, refused, refused",
      "http://[2606:4700::200:5efe:a9fe:a9fe]/, refused, refused, refused, refused",
      // public
      "https://93.184.216.34/hook, allowed, allowed, allowed, allowed",
      "http://100.128.0.1/, allowed, allowed, allowed, allowed",
      "http://172.32.0.1/, allowed, allowed, allowed, allowed",
      "http://[2606:4700::1111]/, allowed, allowed, allowed, allowed",
      "http://[2002:5db8:d822::1]/, allowed, allowed, allowed, allowed",
      "http://[64:ff9b::5db8:d822]/, allowed, allowed, allowed, allowed",
      "http://[::ffff:93.184.216.34]/, allowed, allowed, allowed, allowed",
      // not an HTTP target
      "ftp://93.184.216.34/hook, refused, refused, refused, refused",
      "http://user@93.184.216.34/hook, refused, refused, refused, refused",
  })
  void refusal_forAddressTable_isAsExpected(String uri, String strict, String loopback,
      String priv, String both) {
    URI u = URI.create(uri);
    assertThat(verdict(AddressPolicy.PUBLIC_ONLY, u)).as("public only").isEqualTo(strict);
    assertThat(verdict(LOOPBACK_ONLY, u)).as("loopback allowed").isEqualTo(loopback);
    assertThat(verdict(PRIVATE_ONLY, u)).as("private allowed").isEqualTo(priv);
    assertThat(verdict(BOTH, u)).as("both allowed").isEqualTo(both);
  }

  /**
   * A name is judged by every address it resolves to, embedded forms decoded: one refused address
   * refuses the name (a client may connect to any of them).
   */
  @ParameterizedTest(name = "{0} public={1} loopback={2} private={3}")
  @CsvSource({
      "'93.184.216.34', allowed, allowed, allowed",
      "'93.184.216.34 10.0.0.1', refused, refused, allowed",
      "'93.184.216.34 127.0.0.1', refused, allowed, refused",
      "'2606:4700::1111 2002:a9fe:a9fe::1', refused, refused, refused",
      "'64:ff9b::a9fe:a9fe', refused, refused, refused",
      "'::169.254.169.254', refused, refused, refused",
      "'255.255.255.255', refused, refused, refused",
  })
  void refusal_whenNameResolvesTo_judgesEveryAddress(String addresses, String strict,
      String loopback, String priv) {
    URI u = URI.create("https://hooks.example.test/hook");
    AddressPolicy.Resolver resolver = host -> {
      assertThat(host).isEqualTo("hooks.example.test");
      return Arrays.stream(addresses.split(" ")).map(AddressPolicyTest::literal)
          .toArray(InetAddress[]::new);
    };
    assertThat(verdict(AddressPolicy.PUBLIC_ONLY, u, resolver)).isEqualTo(strict);
    assertThat(verdict(LOOPBACK_ONLY, u, resolver)).isEqualTo(loopback);
    assertThat(verdict(PRIVATE_ONLY, u, resolver)).isEqualTo(priv);
  }

  @ParameterizedTest
  @CsvSource({"http://[::169.254.169.254]/, 169.254.169.254",
      "http://[2002:a9fe:a9fe::1]/, 169.254.169.254", "http://255.255.255.255/, broadcast"})
  void refusal_whenRefused_namesTheAddressAndWhy(String uri, String named) {
    assertThat(AddressPolicy.PUBLIC_ONLY.refusal(URI.create(uri))).contains(named);
  }

  private static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String verdict(AddressPolicy policy, URI uri) {
    return policy.refusal(uri) == null ? "allowed" : "refused";
  }

  private static String verdict(AddressPolicy policy, URI uri, AddressPolicy.Resolver resolver) {
    return policy.refusal(uri, resolver) == null ? "allowed" : "refused";
  }
}
