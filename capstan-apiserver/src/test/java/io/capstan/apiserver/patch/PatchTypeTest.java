package io.capstan.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PatchTypeTest {

  record Case(String header, Optional<PatchType> expected) {
    @Override
    public String toString() {
      return header == null ? "(no header)" : "\"" + header + "\"";
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("application/json-patch+json", Optional.of(PatchType.JSON)),
        new Case("application/merge-patch+json", Optional.of(PatchType.MERGE)),
        new Case("application/strategic-merge-patch+json", Optional.of(PatchType.STRATEGIC)),
        new Case("application/strategic-merge-patch+json; charset=utf-8",
            Optional.of(PatchType.STRATEGIC)),
        new Case("application/merge-patch+json;charset=UTF-8", Optional.of(PatchType.MERGE)),
        new Case("Application/JSON-Patch+JSON", Optional.of(PatchType.JSON)),
        new Case("application/apply-patch+yaml", Optional.empty()),
        new Case("application/json", Optional.empty()),
        new Case("", Optional.empty()),
        new Case(null, Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void findsThePatchTypeOfAContentType(Case c) {
    assertThat(PatchType.fromContentType(c.header())).isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void contentTypeRoundTrips(Case c) {
    c.expected().ifPresent(type ->
        assertThat(PatchType.fromContentType(type.contentType())).contains(type));
  }
}
