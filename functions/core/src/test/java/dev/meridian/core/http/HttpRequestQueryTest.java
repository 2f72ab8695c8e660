package dev.meridian.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one query decoder every reader of a request uses. */
class HttpRequestQueryTest {

  private static HttpRequest get(String rawQuery) {
    return new HttpRequest("GET", "/v2/", rawQuery, new HttpHeaders(), null, 0, "h", "http");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mount=a", "%6dount=a", "%6Dount=a", "%6d%6f%75%6e%74=a", "mount=%61",
      "&mount=a&", "x=1&mount=a"})
  void query_whenNameOrValueIsEncoded_decodesAlike(String raw) {
    assertThat(get(raw).query("mount")).isEqualTo("a");
  }

  @Test
  void query_whenPlusOrPercent20_isASpace() {
    assertThat(get("q=a+b").query("q")).isEqualTo("a b");
    assertThat(get("q=a%20b").query("q")).isEqualTo("a b");
  }

  @Test
  void query_whenEmptyOrBare_isEmptyString() {
    assertThat(get("mount=").query("mount")).isEmpty();
    assertThat(get("mount").query("mount")).isEmpty();
    assertThat(get("").query("mount")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"mount=a&mount=b", "mount=a&%6dount=a", "mount&mount=", "mount=a&mount"})
  void query_whenGivenTwiceInAnySpelling_throws(String raw) {
    assertThatThrownBy(() -> get(raw).query("mount"))
        .isInstanceOf(DuplicateQueryParameterException.class)
        .hasMessageContaining("'mount'");
  }

  @Test
  void queryParameters_keepsRepeatsForMultiValuedReaders() {
    assertThat(get("scope=a&scope=b").queryParameters().get("scope")).containsExactly("a", "b");
  }

  @Test
  void withoutQueryParameters_removesEverySpellingAndKeepsTheRest() {
    HttpRequest r = get("%6dount=sha256%3Aab&digest=sha256:cd&%66rom=a%2Fb&n=a+b");

    HttpRequest stripped = r.withoutQueryParameters(Set.of("mount", "from"));

    assertThat(stripped.query("mount")).isNull();
    assertThat(stripped.query("from")).isNull();
    assertThat(stripped.query("digest")).isEqualTo("sha256:cd");
    assertThat(stripped.queryParameters().get("n")).isEqualTo(List.of("a b"));
  }
}
