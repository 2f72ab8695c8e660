package dev.meridian.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookScopeTest {

  /** scope, repository, tag ("-" for an event by digest), expected. */
  @ParameterizedTest(name = "{0} vs {1}:{2} -> {3}")
  @CsvSource({
      // ACR's examples (az acr webhook create --scope): foo:* all tags of foo; foo:bar only
      // foo:bar; foo means foo:latest; empty means all events.
      "foo:*, foo, bar, true",
      "foo:*, foo, latest, true",
      "foo:*, foobar, x, false",
      "foo:bar, foo, bar, true",
      "foo:bar, foo, baz, false",
      "foo, foo, latest, true",
      "foo, foo, v1, false",
      "'', anything/at/all, v1, true",
      "'', repo, -, true",
      // * anywhere, in either part; it crosses / in repository names
      "library/*:*, library/alpine, 3.19, true",
      "library/*:*, other/alpine, 3.19, false",
      "*:v1, a/b/c, v1, true",
      "*:v1, a/b/c, v2, false",
      "app:v1.*, app, v1.2.3, true",
      "app:v1.*, app, v10, false",
      "*/prod-*:*, team/prod-api, x, true",
      // events by digest match only a whole-repository scope
      "foo:*, foo, -, true",
      "foo:bar, foo, -, false",
      "foo, foo, -, false",
  })
  void matches_forScopeTable_isAsExpected(String scope, String repository, String tag,
      boolean expected) {
    assertThat(WebhookScope.parse(scope).matches(repository, tag.equals("-") ? null : tag))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"Foo:bar", "foo:bar:baz", "foo bar", ":tag"})
  void parse_whenMalformed_fails(String scope) {
    assertThatThrownBy(() -> WebhookScope.parse(scope))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
