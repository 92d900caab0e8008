package io.capstan.cli.kubectl;

import java.time.Duration;

/** Go's {@code time.Duration.String()} for whole milliseconds and up: 1m30s, 2h0m0s, 500ms. */
final class GoDurations {

  private GoDurations() {}

  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return d.toMillis() + "ms";
    }
    long hours = d.toHours();
    long minutes = d.toMinutesPart();
    double seconds = d.toSecondsPart() + d.toMillisPart() / 1000.0;
    String secondsText = seconds == Math.rint(seconds) ? Long.toString((long) seconds)
        : Double.toString(seconds);
    if (hours > 0) {
      return hours + "h" + minutes + "m" + secondsText + "s";
    }
    if (minutes > 0) {
      return minutes + "m" + secondsText + "s";
    }
    return secondsText + "s";
  }
}
