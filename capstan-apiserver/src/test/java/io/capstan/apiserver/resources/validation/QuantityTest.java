package io.capstan.apiserver.resources.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QuantityTest {

  record Case(String input, String canonical) {
    @Override
    public String toString() {
      return input + " -> " + canonical;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("500m", "500m"), new Case("0.5", "500m"), new Case("1000m", "1"),
        new Case("12000", "12k"), new Case("1500", "1500"), new Case("1", "1"),
        new Case("1Gi", "1Gi"), new Case("0.5Gi", "512Mi"), new Case("1024Mi", "1Gi"),
        new Case("1536Ki", "1536Ki"), new Case("100Mi", "100Mi"), new Case("1.5Ki", "1536"),
        new Case("512Ki", "512Ki"), new Case("1e3", "1e3"), new Case("0", "0"),
        new Case("128974848", "128974848"), new Case("129e6", "129e6"),
        new Case("123Mi", "123Mi"), new Case("0.0005", "1m"), new Case("-1", "-1"),
        new Case("2k", "2k"), new Case("1M", "1M"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void canonicalizesAsKubernetes(Case c) {
    assertThat(Quantity.parse(c.input()))
        .hasValueSatisfying(q -> assertThat(q.roundUpToMilli().canonical())
            .isEqualTo(c.canonical()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsMalformed(String text) {
    assertThat(Quantity.parse(text)).isEmpty();
  }

  static Stream<String> invalid() {
    return Stream.of("", "abc", "1x", "1Kib", ".", "1.2.3", "--1", "1e");
  }
}
