package io.capstan.bench.wrk;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One wrk run's summary.
 *
 * @param requests requests completed
 * @param requestsPerSecond wrk's "Requests/sec"
 * @param p50Micros median latency, microseconds
 * @param p99Micros 99th percentile latency, microseconds
 * @param errors socket errors (connect, read, write, timeout) plus non-2xx/3xx responses
 */
public record WrkResult(long requests, double requestsPerSecond, double p50Micros,
    double p99Micros, long errors) {

  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern SOCKET_ERRORS = Pattern.compile(
      "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  /** Parses wrk's output; throws IllegalArgumentException when it holds no summary. */
  public static WrkResult parse(String output) {
    long errors = 0;
    Matcher socket = SOCKET_ERRORS.matcher(output);
    if (socket.find()) {
      for (int group = 1; group <= 4; group++) {
        errors += Long.parseLong(socket.group(group));
      }
    }
    Matcher non2xx = NON_2XX.matcher(output);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    return new WrkResult(
        Long.parseLong(find(REQUESTS, output, "request count")),
        Double.parseDouble(find(RATE, output, "Requests/sec")),
        percentile(output, "50"),
        percentile(output, "99"),
        errors);
  }

  private static String find(Pattern pattern, String output, String what) {
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new IllegalArgumentException("no " + what + " in wrk output:\n" + output);
    }
    return matcher.group(1);
  }

  /** The "--latency" distribution line, e.g. {@code "     99%    4.23ms"}. */
  private static double percentile(String output, String percent) {
    Pattern line = Pattern.compile("(?m)^\\s*" + percent + "%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$");
    Matcher matcher = line.matcher(output);
    if (!matcher.find()) {
      throw new IllegalArgumentException("no " + percent + "% latency in wrk output (was it run"
          + " with --latency?):\n" + output);
    }
    double value = Double.parseDouble(matcher.group(1));
    return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
      case "us" -> value;
      case "ms" -> value * 1_000;
      case "s" -> value * 1_000_000;
      case "m" -> value * 60_000_000;
      default -> value * 3_600_000_000.0;
    };
  }
}
