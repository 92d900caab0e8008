package io.capstan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProseTest {

  @Test
  void wrapsAtOneHundredCharactersBetweenWords() {
    String text = ("word ".repeat(30) + "x".repeat(120) + " end").trim();
    String[] lines = Prose.wrap(text).split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).hasSize(99).isEqualTo("word ".repeat(20).trim());
    assertThat(lines[1]).isEqualTo("word ".repeat(10).trim());
    assertThat(lines[2]).isEqualTo("x".repeat(120));
    assertThat(lines[3]).isEqualTo("end");
  }
}
