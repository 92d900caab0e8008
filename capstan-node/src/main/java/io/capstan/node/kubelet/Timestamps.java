package io.capstan.node.kubelet;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** RFC 3339 times at the one-second resolution the API stores {@code metav1.Time} with. */
public final class Timestamps {

  private Timestamps() {}

  public static String seconds(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
