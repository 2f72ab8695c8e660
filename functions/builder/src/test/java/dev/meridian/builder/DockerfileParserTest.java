package dev.meridian.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
  private final DockerfileParser parser = new DockerfileParser();

  @Test
  void parse_continuationsAndComments_joinLinesAndKeepStartLine() {
    Dockerfile d = parser.parse("""
        # a comment
        FROM scratch

        ENV A=1 \\
        # a comment inside the continuation
            B=2 \\

            C=3
        copy a b
        """);
    assertThat(d.instructions()).extracting(Instruction::keyword).containsExactly("FROM", "ENV",
        "COPY");
    Instruction env = d.instructions().get(1);
    assertThat(env.line()).isEqualTo(4);
    assertThat(env.args()).isEqualTo("A=1     B=2     C=3");
    assertThat(d.instructions().get(2).line()).isEqualTo(9);
  }

  @Test
  void parse_escapeDirective_backtickContinues() {
    Dockerfile d = parser.parse("# escape=`\n# syntax=docker/dockerfile:1\nFROM scratch\n"
        + "COPY a `\n  b\n");
    assertThat(d.escape()).isEqualTo('`');
    assertThat(d.instructions().get(1).args()).isEqualTo("a   b");
  }

  @Test
  void parse_directiveAfterComment_isJustAComment() {
    Dockerfile d = parser.parse("# hello\n# escape=`\nFROM scratch\nCOPY a \\\n b\n");
    assertThat(d.escape()).isEqualTo('\\');
    assertThat(d.instructions().get(1).args()).isEqualTo("a  b");
  }

  @Test
  void parse_jsonAndShellForms() {
    Dockerfile d = parser.parse("""
        FROM scratch
        CMD ["/bin/app", "--flag"]
        ENTRYPOINT exec app
        CMD [not json
        COPY ["a b", "/dst/"]
        """);
    assertThat(d.instructions().get(1).json()).containsExactly("/bin/app", "--flag");
    assertThat(d.instructions().get(2).isJson()).isFalse();
    assertThat(d.instructions().get(3).isJson()).isFalse();
    assertThat(d.instructions().get(3).args()).isEqualTo("[not json");
    assertThat(d.instructions().get(4).json()).containsExactly("a b", "/dst/");
  }

  @Test
  void parse_flags_beforeArguments() {
    Dockerfile d = parser.parse("FROM --platform=linux/arm64 base AS b\n"
        + "COPY --from=b --chown=1:2 --link /x /y\n");
    assertThat(d.instructions().get(0).flags()).isEqualTo(Map.of("platform", "linux/arm64"));
    assertThat(d.instructions().get(0).args()).isEqualTo("base AS b");
    Instruction copy = d.instructions().get(1);
    assertThat(copy.flags()).containsEntry("from", "b").containsEntry("chown", "1:2")
        .containsEntry("link", "");
    assertThat(copy.args()).isEqualTo("/x /y");
  }

  @Test
  void parse_unknownInstruction_failsWithItsLine() {
    assertThatThrownBy(() -> parser.parse("FROM scratch\n\nFROBNICATE x\n"))
        .isInstanceOfSatisfying(BuildFailure.class, f -> {
          assertThat(f.line()).isEqualTo(3);
          assertThat(f.logLine()).isEqualTo("ERROR: line 3: FROBNICATE: unknown instruction: FROBNICATE");
        });
  }

  @Test
  void parse_badEscapeDirective_fails() {
    assertThatThrownBy(() -> parser.parse("# escape=x\nFROM scratch\n"))
        .isInstanceOf(BuildFailure.class).hasMessageContaining("invalid escape directive");
  }

  @Test
  void keyValues_quotedAndLegacyForms() {
    assertThat(KeyValues.parse("A=\"x y\" B='z' C=plain", '\\', true)).containsExactly(
        new KeyValues.Pair("A", "\"x y\""), new KeyValues.Pair("B", "'z'"),
        new KeyValues.Pair("C", "plain"));
    assertThat(KeyValues.parse("NAME some value  here", '\\', true))
        .containsExactly(new KeyValues.Pair("NAME", "some value  here"));
    assertThat(KeyValues.parse("X Y=1", '\\', false)).containsExactly(
        new KeyValues.Pair("X", null), new KeyValues.Pair("Y", "1"));
  }

  @Test
  void rawWords_keepEscapedSpaces() {
    assertThat(KeyValues.rawWords("a\\ b \"c d\" e", '\\')).isEqualTo(List.of("a\\ b",
        "\"c d\"", "e"));
  }
}
