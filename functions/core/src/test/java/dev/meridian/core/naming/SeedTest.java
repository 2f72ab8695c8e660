package dev.meridian.core.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SeedTest {

  @Test
  void isValid_whenEveryTwoCharacterText_agreesWithThePattern() {
    Pattern pattern = Pattern.compile(Seed.PATTERN);
    for (char a = 0; a < 128; a++) {
      for (char b = 0; b < 128; b++) {
        String text = "" + a + b;
        assertThat(Seed.isValid(text)).as(text).isEqualTo(pattern.matcher(text).matches());
      }
    }
  }

  @Test
  void isValid_whenLengthIsNotTwo_false() {
    assertThat(Seed.isValid(null)).isFalse();
    assertThat(Seed.isValid("a")).isFalse();
    assertThat(Seed.isValid("aaa")).isFalse();
  }

  @Test
  void new_whenBadCharacter_namesItAndWhy() {
    assertThatThrownBy(() -> new Seed("ai")).hasMessageContaining("i and l are left out");
    assertThatThrownBy(() -> new Seed("AA")).hasMessageContaining("lower case");
    assertThatThrownBy(() -> new Seed("abc")).hasMessageContaining("two base-32 characters");
  }

  @Test
  void compareTo_whenTwoSeeds_ordersAsTheNumbersTheyWrite() {
    assertThat(new Seed("ay")).isLessThan(new Seed("b0"));
    assertThat(new Seed("aa").toString()).isEqualTo("aa");
  }
}
