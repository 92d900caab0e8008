package io.capstan.store.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyOrderTest {

  record PrefixCase(String name, String prefix, Optional<String> end) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<PrefixCase> prefixes() {
    return Stream.of(
        new PrefixCase("slash-terminated", "/a/", Optional.of("/a0")),
        new PrefixCase("plain", "/registry/pods", Optional.of("/registry/podt")),
        new PrefixCase("empty covers everything", "", Optional.empty()),
        new PrefixCase("last code point is the largest", "/a\uDBFF\uDFFF", Optional.of("/b")),
        new PrefixCase("skips the surrogate range", "/\uD7FF", Optional.of("/\uE000")),
        new PrefixCase("only the largest code point", "\uDBFF\uDFFF", Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("prefixes")
  void prefixEndIsTheFirstKeyAfterEveryKeyWithThePrefix(PrefixCase c) {
    assertThat(KeyOrder.prefixEnd(c.prefix())).isEqualTo(c.end());
  }

  @Test
  void keysSortByTheirUtf8Bytes() {
    String[] keys = {"/b", "/a/\uFFFF", "/a/\uD83D\uDE00", "/a/", "/a", "/ab", "/a/x"};

    String[] byCodePoint = keys.clone();
    Arrays.sort(byCodePoint, KeyOrder.CODE_POINT_ORDER);
    String[] byBytes = keys.clone();
    Arrays.sort(byBytes, (x, y) -> Arrays.compareUnsigned(
        x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));

    assertThat(byCodePoint).containsExactly(byBytes);
    assertThat(byCodePoint).containsSubsequence("/a/\uFFFF", "/a/\uD83D\uDE00");
  }
}
