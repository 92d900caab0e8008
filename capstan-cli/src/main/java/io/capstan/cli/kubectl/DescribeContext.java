package io.capstan.cli.kubectl;

import io.capstan.apiserver.table.HumanDuration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The clock and time zone a description is written at: kubectl prints timestamps in the local
 * zone in Go's RFC 1123 form with a numeric zone, and ages relative to now.
 */
record DescribeContext(Instant now, ZoneId zone) {

  /** What Go prints for an unset {@code metav1.Time}. */
  static final String ZERO_TIME = "Mon, 01 Jan 0001 00:00:00 +0000";

  private static final DateTimeFormatter RFC1123Z =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

  static DescribeContext system() {
    return new DescribeContext(Instant.now(), ZoneId.systemDefault());
  }

  /** {@code t.Format(time.RFC1123Z)} of a JSON timestamp. */
  String time(JsonNode timestamp) {
    return instant(timestamp).map(t -> RFC1123Z.format(ZonedDateTime.ofInstant(t, zone)))
        .orElse(ZERO_TIME);
  }

  /** {@code translateTimestampSince}: the age, or {@code <unknown>} when unset. */
  String age(JsonNode timestamp) {
    return HumanDuration.since(instant(timestamp), now);
  }

  static Optional<Instant> instant(JsonNode timestamp) {
    String text = timestamp == null ? "" : timestamp.asString("");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
