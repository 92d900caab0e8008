package io.capstan.cli.kubectl;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} for the flags kubectl takes: {@code 30s}, {@code 1m30s}, {@code 0}. */
final class GoDuration {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private GoDuration() {}

  static Duration parse(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      double amount = Double.parseDouble(m.group(1));
      long millis = (long) (amount * switch (m.group(2)) {
        case "ms" -> 1;
        case "s" -> 1000;
        case "m" -> 60_000;
        default -> 3_600_000;
      });
      total = total.plusMillis(millis);
      end = m.end();
    }
    if (end == 0 || end != text.length()) {
      throw new KubectlError("error: invalid argument \"" + text + "\" for \"--timeout\" flag: "
          + "time: invalid duration \"" + text + "\"");
    }
    return total;
  }
}
