package dev.meridian.builder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerIgnoreTest {

  @Test
  void excludes_patternsParentsAndExceptions() {
    DockerIgnore ignore = DockerIgnore.parse("""
        # comment
        *.log
        /build
        **/node_modules
        docs
        !docs/README.md
        secret?.txt
        """);
    assertThat(ignore.excludes("app.log")).isTrue();
    assertThat(ignore.excludes("sub/app.log")).isFalse(); // * does not cross /
    assertThat(ignore.excludes("build/out/x")).isTrue(); // a parent matches
    assertThat(ignore.excludes("node_modules/a")).isTrue(); // ** matches zero directories
    assertThat(ignore.excludes("a/b/node_modules/c")).isTrue();
    assertThat(ignore.excludes("docs/guide.md")).isTrue();
    assertThat(ignore.excludes("docs/README.md")).isFalse();
    assertThat(ignore.excludes("secret1.txt")).isTrue();
    assertThat(ignore.excludes("secret12.txt")).isFalse();
    assertThat(ignore.excludes("src/main.go")).isFalse();
  }

  @Test
  void lastMatchWins() {
    DockerIgnore ignore = DockerIgnore.parse("!keep.txt\n*.txt\n");
    assertThat(ignore.excludes("keep.txt")).isTrue();
  }

  @Test
  void pathPattern_classesAndEscapes() {
    assertThat(PathPattern.compile("file[0-9].txt", false).matches("file7.txt")).isTrue();
    assertThat(PathPattern.compile("file[^0-9].txt", false).matches("file7.txt")).isFalse();
    assertThat(PathPattern.compile("a\\*b", false).matches("a*b")).isTrue();
    assertThat(PathPattern.compile("a\\*b", false).matches("axb")).isFalse();
    assertThat(PathPattern.compile("src/*", false).matches("src/a/b")).isFalse();
  }
}
