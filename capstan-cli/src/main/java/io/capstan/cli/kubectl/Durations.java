package io.capstan.cli.kubectl;

import java.time.Duration;

/**
 * The value of {@code --request-timeout}: a Go duration ({@code 30s}, {@code 1m30s},
 * {@code 500ms}), or, as kubectl also takes there, a bare number of seconds.
 */
final class Durations {

  private Durations() {}

  static Duration parse(String text) {
    if (text.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    try {
      return GoDuration.read(text);
    } catch (GoDuration.Invalid e) {
      throw new KubectlError("error: invalid duration \"" + text + "\"");
    }
  }
}
