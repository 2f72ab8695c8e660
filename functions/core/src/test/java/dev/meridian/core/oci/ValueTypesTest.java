package dev.meridian.core.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {
  private static final String HEX64 = "a".repeat(64);

  private static void assertCode(Runnable r, OciErrorCode code) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(RegistryException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void digestParse_whenSha256OrSha512_parses() {
    assertThat(Digest.parse("sha256:" + HEX64).algorithm()).isEqualTo("sha256");
    assertThat(Digest.parse("sha512:" + "b".repeat(128)).jdkAlgorithm()).isEqualTo("SHA-512");
    assertThat(Digest.parse("sha256:" + HEX64).toString()).isEqualTo("sha256:" + HEX64);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256:" + "A" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "sha256:abc", "sha384:" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "md5:d41d8cd98f00b204e9800998ecf8427e", "sha256", ":abc", "SHA256:aaaa", "sha256:../../etc", ""})
  void digestParse_whenUppercaseMalformedOrUnsupported_digestInvalid(String text) {
    assertCode(() -> Digest.parse(text), OciErrorCode.DIGEST_INVALID);
  }

  @Test
  void repositoryName_whenValid_accepted() {
    for (String ok : new String[] {"a", "library/ubuntu", "a.b_c__d--e/f-g", "x/".repeat(127) + "x"}) {
      assertThat(RepositoryName.isValid(ok)).as(ok).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"../etc", "a/../b", "a//b", "/a", "a/", "Upper", "a..b", "a_-b", ".a", "a b"})
  void repositoryName_whenInvalid_nameInvalid(String name) {
    assertCode(() -> RepositoryName.parse(name), OciErrorCode.NAME_INVALID);
  }

  @Test
  void repositoryName_when256Characters_nameInvalid() {
    assertThat(RepositoryName.isValid("a".repeat(255))).isTrue();
    assertCode(() -> RepositoryName.parse("a".repeat(256)), OciErrorCode.NAME_INVALID);
  }

  @Test
  void tag_grammar() {
    assertThat(Tag.isValid("v1.0_rc-1")).isTrue();
    assertThat(Tag.isValid("_x")).isTrue();
    assertThat(Tag.isValid("a".repeat(128))).isTrue();
    for (String bad : new String[] {"", ".x", "-x", "a/b", "a:b", "a".repeat(129), "ä"}) {
      assertThat(Tag.isValid(bad)).as(bad).isFalse();
    }
    assertCode(() -> Tag.parse("a/b"), OciErrorCode.MANIFEST_INVALID);
  }

  @Test
  void reference_parse_tagOrDigest() {
    assertThat(Reference.parse("latest").tag()).isEqualTo(Tag.parse("latest"));
    assertThat(Reference.parse("sha256:" + HEX64).isDigest()).isTrue();
    assertCode(() -> Reference.parse("sha256:zz"), OciErrorCode.DIGEST_INVALID);
    assertThatThrownBy(() -> new Reference(null, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
