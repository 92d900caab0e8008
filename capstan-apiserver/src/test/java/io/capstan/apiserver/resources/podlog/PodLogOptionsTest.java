package io.capstan.apiserver.resources.podlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.errors.ApiException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PodLogOptionsTest {

  record Case(String name, Map<String, String> query, int code, String message,
      String nodeQuery) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("nothing", Map.of(), 0, null, ""),
        new Case("everything passed on", Map.of("follow", "true", "previous", "1",
            "timestamps", "yes", "tailLines", "5", "limitBytes", "100", "sinceSeconds", "60"),
            0, null, "follow=true&previous=true&timestamps=true&sinceSeconds=60&tailLines=5"
                + "&limitBytes=100"),
        new Case("false flags", Map.of("follow", "false", "previous", "0", "timestamps", ""), 0,
            null, ""),
        new Case("sinceTime in whole seconds", Map.of("sinceTime", "2024-05-01T10:00:02.5Z"), 0,
            null, "sinceTime=2024-05-01T10%3A00%3A02Z"),
        new Case("negative tail", Map.of("tailLines", "-1"), 422,
            "PodLogOptions \"web\" is invalid: tailLines: Invalid value: -1: must be greater "
                + "than or equal to 0", null),
        new Case("zero limit", Map.of("limitBytes", "0"), 422,
            "PodLogOptions \"web\" is invalid: limitBytes: Invalid value: 0: must be greater "
                + "than 0", null),
        new Case("zero sinceSeconds", Map.of("sinceSeconds", "0"), 422,
            "PodLogOptions \"web\" is invalid: sinceSeconds: Invalid value: 0: must be greater "
                + "than 0", null),
        new Case("both since forms", Map.of("sinceSeconds", "5",
            "sinceTime", "2024-05-01T10:00:02Z"), 422,
            "PodLogOptions \"web\" is invalid: Forbidden: at most one of `sinceTime` or "
                + "`sinceSeconds` may be specified", null),
        new Case("several problems", Map.of("tailLines", "-2", "limitBytes", "-3"), 422,
            "PodLogOptions \"web\" is invalid: [tailLines: Invalid value: -2: must be greater "
                + "than or equal to 0, limitBytes: Invalid value: -3: must be greater than 0]",
            null),
        new Case("tail not a number", Map.of("tailLines", "ten"), 400,
            "tailLines: Invalid value: \"ten\": must be an integer", null),
        new Case("sinceTime not a time", Map.of("sinceTime", "yesterday"), 400,
            "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse "
                + "\"yesterday\" as RFC3339", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsesAndValidates(Case c) {
    if (c.code() == 0) {
      PodLogOptions options = PodLogOptions.parse(k -> Optional.ofNullable(c.query().get(k)));
      options.validate("web");
      assertThat(options.nodeQuery()).isEqualTo(c.nodeQuery());
      return;
    }
    assertThatThrownBy(() -> PodLogOptions.parse(k -> Optional.ofNullable(c.query().get(k)))
        .validate("web")).isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(c.code());
          assertThat(e.status().getMessage()).isEqualTo(c.message());
        });
  }
}
