package io.capstan.node.agent;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Kubernetes' {@code metav1.Time} text: RFC 3339 in whole seconds, UTC. */
final class Times {

  private Times() {}

  static String seconds(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
