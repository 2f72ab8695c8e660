package dev.meridian.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionTest {
  private final Substitution sub =
      new Substitution(Map.of("A", "alpha", "EMPTY", "", "SP", "x y"), '\\');

  @Test
  void word_plainAndBraced() {
    assertThat(sub.word("$A/${A}_$MISSING.")).isEqualTo("alpha/alpha_.");
  }

  @Test
  void word_modifiers() {
    assertThat(sub.word("${MISSING:-def}")).isEqualTo("def");
    assertThat(sub.word("${EMPTY:-def}")).isEqualTo("def");
    assertThat(sub.word("${EMPTY-def}")).isEqualTo("");
    assertThat(sub.word("${A:-def}")).isEqualTo("alpha");
    assertThat(sub.word("${A:+alt}")).isEqualTo("alt");
    assertThat(sub.word("${EMPTY:+alt}")).isEqualTo("");
    assertThat(sub.word("${EMPTY+alt}")).isEqualTo("alt");
    assertThat(sub.word("${MISSING:+alt}")).isEqualTo("");
    assertThat(sub.word("${MISSING:-$A-x}")).isEqualTo("alpha-x");
  }

  @Test
  void word_quotesAndEscapes() {
    assertThat(sub.word("'$A' \"$A\" \\$A")).isEqualTo("$A alpha $A");
    assertThat(sub.word("\"a\\\"b\"")).isEqualTo("a\"b");
  }

  @Test
  void words_splitOnUnquotedWhitespaceIncludingFromVariables() {
    assertThat(sub.words("a  \"b c\" $SP '' d")).containsExactly("a", "b c", "x", "y", "", "d");
    assertThat(sub.words("\"$SP\"")).containsExactly("x y");
  }

  @Test
  void word_errors() {
    assertThatThrownBy(() -> sub.word("${MISSING:?must be set}"))
        .hasMessage("MISSING: must be set");
    assertThatThrownBy(() -> sub.word("${A")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sub.word("'open")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void backtickEscape() {
    assertThat(new Substitution(Map.of("A", "1"), '`').word("`$A\\$A")).isEqualTo("$A\\1");
  }
}
