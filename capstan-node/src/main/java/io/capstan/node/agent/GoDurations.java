package io.capstan.node.agent;

import java.time.Duration;

/**
 * Durations printed the way Go's {@code time.Duration.String} prints them, as the kubelet's
 * messages show them: {@code 10s}, {@code 1m20s}, {@code 5m0s}, {@code 250ms}.
 */
final class GoDurations {

  private GoDurations() {}

  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0s";
    }
    if (millis < 1000) {
      return millis + "ms";
    }
    long hours = millis / 3_600_000;
    long minutes = (millis / 60_000) % 60;
    long wholeSeconds = (millis / 1000) % 60;
    long fraction = millis % 1000;
    String seconds = fraction == 0 ? Long.toString(wholeSeconds)
        : wholeSeconds + "." + String.format("%03d", fraction).replaceAll("0+$", "");
    StringBuilder text = new StringBuilder();
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      text.append(minutes).append('m');
    }
    return text.append(seconds).append('s').toString();
  }
}
