package dev.meridian.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RepositoryPatternTest {
  @Test
  void singleStarStaysInOneComponentDoubleStarCrosses() {
    assertThat(RepositoryPattern.of("team/*").matches("team/app")).isTrue();
    assertThat(RepositoryPattern.of("team/*").matches("team/a/b")).isFalse();
    assertThat(RepositoryPattern.of("team/**").matches("team/a/b")).isTrue();
    assertThat(RepositoryPattern.of("team/**").matches("teams/a")).isFalse();
    assertThat(RepositoryPattern.of("**").matches("anything/at/all")).isTrue();
    assertThat(RepositoryPattern.of("*-cache").matches("build-cache")).isTrue();
    assertThat(RepositoryPattern.of("app").matches("app")).isTrue();
    assertThat(RepositoryPattern.of("app").matches("app2")).isFalse();
  }

  @Test
  void rejectsCharactersOutsideTheNameGrammar() {
    for (String bad : new String[] {"", "Team/*", "a b", "x?", "***", "a\nb"}) {
      assertThatThrownBy(() -> RepositoryPattern.of(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
