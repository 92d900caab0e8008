package io.capstan.cli.kubectl;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as kubectl's flags take them (Go's {@code time.ParseDuration}): {@code 0},
 * {@code 30s}, {@code 1m30s}, {@code 500ms}, {@code 1.5h}; a bare number other than 0 is an
 * error, as in Go.
 */
final class GoDuration {

  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Double> NANOS = Map.of("ns", 1d, "us", 1e3, "µs", 1e3,
      "ms", 1e6, "s", 1e9, "m", 60e9, "h", 3600e9);

  private GoDuration() {}

  /** The duration, or kubectl's error naming {@code flag}. */
  static Duration parse(String text, String flag) {
    String body = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    if (body.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(body);
    double nanos = 0;
    int at = 0;
    while (at < body.length() && m.find(at) && m.start() == at) {
      nanos += Double.parseDouble(m.group(1)) * NANOS.get(m.group(2));
      at = m.end();
    }
    if (body.isEmpty() || at != body.length()) {
      throw new KubectlError("error: invalid argument \"" + text + "\" for \"" + flag
          + "\" flag: time: invalid duration \"" + text + "\"");
    }
    Duration d = Duration.ofNanos((long) nanos);
    return text.startsWith("-") ? d.negated() : d;
  }
}
