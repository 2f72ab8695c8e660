package dev.meridian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.cli.build.IgnoreRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** .dockerignore semantics of the docker CLI (Dockerfile reference, ".dockerignore file"). */
class IgnoreRulesTest {

  @Test
  void excludes_followsDockerSemantics() {
    IgnoreRules rules = IgnoreRules.parse(List.of(
        "# comment", "", "*/temp*", "*/*/temp*", "temp?", "**/*.log", "!keep.log", "/build/", "docs"));
    assertThat(rules.excludes("somedir/temporary.txt")).isTrue();
    assertThat(rules.excludes("somedir/subdir/temp")).isTrue();
    assertThat(rules.excludes("tempa")).isTrue();
    assertThat(rules.excludes("tempab")).isFalse();
    assertThat(rules.excludes("a/b/c/x.log")).isTrue();
    assertThat(rules.excludes("x.log")).isTrue();
    assertThat(rules.excludes("keep.log")).isFalse();
    assertThat(rules.excludes("build/out/app.jar")).isTrue();
    assertThat(rules.excludes("docs/readme.md")).isTrue();
    assertThat(rules.excludes("src/docs.txt")).isFalse();
    assertThat(rules.excludes("# comment")).isFalse();
  }

  @Test
  void excludes_lastMatchingLineWins() {
    IgnoreRules rules = IgnoreRules.parse(List.of("*.md", "!README*.md", "README-secret.md"));
    assertThat(rules.excludes("CHANGES.md")).isTrue();
    assertThat(rules.excludes("README.md")).isFalse();
    assertThat(rules.excludes("README-secret.md")).isTrue();
  }
}
