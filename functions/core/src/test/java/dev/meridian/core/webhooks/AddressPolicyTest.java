package dev.meridian.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {

  /** Literal addresses only: no DNS needed. */
  @ParameterizedTest(name = "{0} strict={1} loopback={2} private={3}")
  @CsvSource({
      "http://127.0.0.1:8080/hook, refused, allowed, allowed",
      "http://[::1]/hook, refused, allowed, allowed",
      "http://10.1.2.3/hook, refused, refused, allowed",
      "http://172.16.0.1/hook, refused, refused, allowed",
      "http://192.168.1.1/hook, refused, refused, allowed",
      "http://100.64.0.1/hook, refused, refused, allowed",
      "http://[fd12::1]/hook, refused, refused, allowed",
      "http://169.254.169.254/latest/meta-data, refused, refused, refused",
      "http://169.254.170.2/v2/credentials, refused, refused, refused",
      "http://[fd00:ec2::254]/, refused, refused, refused",
      "http://[fe80::1]/, refused, refused, refused",
      "http://0.0.0.0/, refused, refused, refused",
      "https://93.184.216.34/hook, allowed, allowed, allowed",
      "ftp://93.184.216.34/hook, refused, refused, refused",
  })
  void refusal_forAddressTable_isAsExpected(String uri, String strict, String loopback,
      String priv) {
    URI u = URI.create(uri);
    assertThat(verdict(AddressPolicy.PUBLIC_ONLY, u)).isEqualTo(strict);
    assertThat(verdict(new AddressPolicy(true, false), u)).isEqualTo(loopback);
    assertThat(verdict(new AddressPolicy(true, true), u)).isEqualTo(priv);
  }

  private static String verdict(AddressPolicy policy, URI uri) {
    return policy.refusal(uri) == null ? "allowed" : "refused";
  }
}
