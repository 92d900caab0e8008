package io.capstan.cli.kubectl;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go duration text as kubectl flags take it: {@code 30s}, {@code 1m30s}, {@code 500ms}, or a
 * bare number of seconds. */
final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

  private Durations() {}

  static Duration parse(String text) {
    if (text.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      double amount = Double.parseDouble(m.group(1));
      long millis = switch (m.group(2)) {
        case "h" -> (long) (amount * 3_600_000);
        case "m" -> (long) (amount * 60_000);
        case "s" -> (long) (amount * 1000);
        default -> (long) amount;
      };
      total = total.plusMillis(millis);
      end = m.end();
    }
    if (end != text.length() || text.isEmpty()) {
      throw new KubectlError("error: invalid duration \"" + text + "\"");
    }
    return total;
  }
}
