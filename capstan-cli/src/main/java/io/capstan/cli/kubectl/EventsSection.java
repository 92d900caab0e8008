package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code DescribeEvents}: the {@code Events:} table of the events about one object, oldest
 * (by last timestamp) first, with {@code 3m (x4 over 10m)} ages for repeated events.
 */
final class EventsSection {

  private EventsSection() {}

  static void write(DescribeWriter w, List<JsonNode> events, DescribeContext context) {
    if (events.isEmpty()) {
      w.write(0, "Events:\t<none>\n");
      return;
    }
    List<JsonNode> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(e -> DescribeContext.instant(e.path("lastTimestamp"))
        .orElse(Instant.MIN)));
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    for (JsonNode e : sorted) {
      String first = text(e.path("eventTime")).isEmpty()
          ? context.age(e.path("firstTimestamp")) : context.age(e.path("eventTime"));
      String interval;
      if (e.path("series").isObject()) {
        interval = "%s (x%d over %s)".formatted(context.age(e.path("series")
            .path("lastObservedTime")), e.path("series").path("count").asLong(), first);
      } else if (e.path("count").asLong(0) > 1) {
        interval = "%s (x%d over %s)".formatted(context.age(e.path("lastTimestamp")),
            e.path("count").asLong(), first);
      } else {
        interval = first;
      }
      String source = text(e.path("source").path("component"));
      if (source.isEmpty()) {
        source = text(e.path("reportingComponent"));
      }
      w.write(1, "%s\t%s\t%s\t%s\t%s\n", text(e.path("type")), text(e.path("reason")),
          interval, source, text(e.path("message")).strip());
    }
  }
}
