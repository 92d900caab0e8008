package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventsSectionTest {

  private static final DescribeContext AT = new DescribeContext(
      Instant.parse("2026-01-01T01:00:00Z"), ZoneOffset.UTC);

  private static String render(List<JsonNode> events) {
    DescribeWriter w = new DescribeWriter();
    EventsSection.write(w, events, AT);
    return w.render();
  }

  @Test
  void noEventsReadNone() {
    assertThat(render(List.of())).isEqualTo("Events:  <none>\n");
  }

  @Test
  void eventsAreSortedByLastTimestampWithRepeatsAndSeries() {
    List<JsonNode> events = new ArrayList<>();
    events.add(Json.MAPPER.readTree("""
        {"type":"Warning","reason":"BackOff","count":4,"message":"Back-off restarting\\n",
         "firstTimestamp":"2026-01-01T00:50:00Z","lastTimestamp":"2026-01-01T00:59:30Z",
         "source":{"component":"kubelet"}}"""));
    events.add(Json.MAPPER.readTree("""
        {"type":"Normal","reason":"Scheduled","message":"Successfully assigned",
         "firstTimestamp":"2026-01-01T00:40:00Z","lastTimestamp":"2026-01-01T00:40:00Z",
         "source":{"component":"default-scheduler"}}"""));
    events.add(Json.MAPPER.readTree("""
        {"type":"Normal","reason":"Pulled","message":"pulled",
         "eventTime":"2026-01-01T00:30:00.000000Z","reportingComponent":"kubelet",
         "series":{"count":3,"lastObservedTime":"2026-01-01T00:58:00.000000Z"}}"""));
    assertThat(render(events)).isEqualTo("""
        Events:
          Type     Reason     Age                From               Message
          ----     ------     ----               ----               -------
          Normal   Pulled     2m (x3 over 30m)   kubelet            pulled
          Normal   Scheduled  20m                default-scheduler  Successfully assigned
          Warning  BackOff    30s (x4 over 10m)  kubelet            Back-off restarting
        """);
  }
}
