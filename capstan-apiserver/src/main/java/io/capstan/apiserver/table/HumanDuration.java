package io.capstan.apiserver.table;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Kubernetes' {@code duration.HumanDuration}: a duration with two or three significant figures,
 * the form of every AGE cell ({@code 45s}, {@code 2m30s}, {@code 10m}, {@code 3h5m}, {@code 2d3h},
 * {@code 400d}, {@code 2y30d}). The precision shrinks as the duration grows, so a column of ages
 * stays narrow.
 */
public final class HumanDuration {

  /** What Kubernetes prints for a timestamp that is not set. */
  public static final String UNKNOWN = "<unknown>";

  private HumanDuration() {}

  /**
   * Formats like Go. A duration slightly negative (clock skew of less than two seconds) reads
   * {@code 0s}; more negative reads {@code <invalid>}. Every division truncates toward zero as
   * Go's integer conversions do.
   */
  public static String format(Duration d) {
    long nanos = saturatedNanos(d);
    long seconds = nanos / 1_000_000_000L;
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = nanos / 60_000_000_000L;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = nanos / 3_600_000_000_000L;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = hours / 24 % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /** {@code translateTimestampSince}: the age of {@code timestamp} at {@code now}. */
  public static String since(Optional<Instant> timestamp, Instant now) {
    return timestamp.map(t -> format(Duration.between(t, now))).orElse(UNKNOWN);
  }

  /** Go durations are int64 nanoseconds (about 292 years); longer ones saturate the same way. */
  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException overflow) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
