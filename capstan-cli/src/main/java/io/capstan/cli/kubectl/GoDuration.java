package io.capstan.cli.kubectl;

import io.capstan.apiserver.errors.GoQuote;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as kubectl's flags take them: Go's {@code time.ParseDuration} ({@code 0}, {@code 30s},
 * {@code 1m30s}, {@code 500ms}, {@code 1.5h}, an optional sign). Every duration flag reads through
 * {@link #read}; the flags differ only in how they word a refusal. {@code capstan server} reads
 * its duration flags the same way.
 */
public final class GoDuration {

  /** One number and its unit; the unit is whatever letters follow, checked afterwards. */
  private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)([^0-9.]*)");
  private static final Map<String, Double> NANOS = Map.of("ns", 1d, "us", 1e3, "µs", 1e3,
      "μs", 1e3, "ms", 1e6, "s", 1e9, "m", 60e9, "h", 3600e9);

  private GoDuration() {}

  /** Text that is not a Go duration, with Go's reason ({@code missing unit in duration "10"}). */
  public static final class Invalid extends RuntimeException {
    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The duration {@code text} denotes, or {@link Invalid} with Go's words for why not. */
  public static Duration read(String text) {
    boolean negative = text.startsWith("-");
    String body = negative || text.startsWith("+") ? text.substring(1) : text;
    if (body.equals("0")) {
      return Duration.ZERO;
    }
    String invalid = "invalid duration " + GoQuote.quote(text);
    if (body.isEmpty()) {
      throw new Invalid(invalid);
    }
    Matcher m = PART.matcher(body);
    double nanos = 0;
    int at = 0;
    while (at < body.length()) {
      if (!m.find(at) || m.start() != at || !m.group(1).matches(".*[0-9].*")) {
        throw new Invalid(invalid);
      }
      String unit = m.group(2);
      if (unit.isEmpty()) {
        throw new Invalid("missing unit in duration " + GoQuote.quote(text));
      }
      Double scale = NANOS.get(unit);
      if (scale == null) {
        throw new Invalid("unknown unit " + GoQuote.quote(unit) + " in duration "
            + GoQuote.quote(text));
      }
      nanos += Double.parseDouble(m.group(1)) * scale;
      at = m.end();
    }
    Duration d = Duration.ofNanos((long) nanos);
    return negative ? d.negated() : d;
  }

  /** The value of a timeout flag, or kubectl's error naming {@code flag}. */
  static Duration parse(String text, String flag) {
    try {
      return read(text);
    } catch (Invalid e) {
      throw new KubectlError("error: invalid argument \"" + text + "\" for \"" + flag
          + "\" flag: time: invalid duration \"" + text + "\"");
    }
  }
}
