package io.capstan.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.controller.runtime.testing.FakeClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** client-go's correlator in the recorder: the spam filter and the aggregation of messages. */
class EventCorrelationTest {

  private static TestApi api;
  private final FakeClock clock = new FakeClock();
  private final EventRecorder recorder = new EventRecorder(api.client, "test-controller", clock);

  @BeforeAll
  static void startServer() throws Exception {
    api = TestApi.start();
  }

  @AfterAll
  static void stopServer() {
    api.close();
  }

  private static ConfigMap createConfigMap(String name) {
    return api.client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName(name).endMetadata().build()).create();
  }

  private static List<Event> eventsAbout(String name) {
    return api.client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  @Test
  void theSpamFilterDropsThe26thEventOnAnObjectButNotEventsOnAnother() {
    ConfigMap noisy = createConfigMap("noisy");
    ConfigMap quiet = createConfigMap("quiet");
    for (int i = 1; i <= 26; i++) {
      recorder.normal(noisy, "Reason" + i, "event " + i);
    }
    recorder.normal(quiet, "Reason1", "event 1");
    recorder.flush();

    assertThat(eventsAbout("noisy")).extracting(Event::getReason)
        .hasSize(25)
        .contains("Reason1", "Reason25")
        .doesNotContain("Reason26");
    assertThat(eventsAbout("quiet")).extracting(Event::getReason).containsExactly("Reason1");
  }

  @Test
  void theFilterRefillsOneEventEveryFiveMinutesAndCountsIncludeDroppedRepeats() {
    ConfigMap cm = createConfigMap("refill");
    for (int i = 1; i <= 27; i++) {
      recorder.warning(cm, "BackOff", "again");
    }
    recorder.flush();
    assertThat(eventsAbout("refill")).singleElement()
        .satisfies(e -> assertThat(e.getCount()).isEqualTo(25));

    clock.advance(Duration.ofSeconds(299));
    recorder.warning(cm, "BackOff", "again");
    recorder.flush();
    assertThat(eventsAbout("refill")).singleElement()
        .satisfies(e -> assertThat(e.getCount()).isEqualTo(25));

    clock.advance(Duration.ofSeconds(2));
    recorder.warning(cm, "BackOff", "again");
    recorder.flush();
    assertThat(eventsAbout("refill")).singleElement().satisfies(e -> {
      assertThat(e.getCount()).isEqualTo(29);
      assertThat(e.getLastTimestamp()).isEqualTo("2026-01-01T00:05:01Z");
    });
  }

  @Test
  void theTenthDistinctMessageWithOneReasonStartsOneCombinedEventThatFurtherOnesBump() {
    ConfigMap cm = createConfigMap("similar");
    IntStream.rangeClosed(1, 9).forEach(i -> recorder.normal(cm, "SuccessfulCreate",
        "Created pod: web-" + i));
    recorder.normal(cm, "Scaled", "a different reason");
    recorder.flush();
    assertThat(eventsAbout("similar")).hasSize(10)
        .allSatisfy(e -> assertThat(e.getMessage()).doesNotStartWith("(combined"));

    recorder.normal(cm, "SuccessfulCreate", "Created pod: web-10");
    recorder.flush();
    assertThat(combined(eventsAbout("similar"))).singleElement().satisfies(e -> {
      assertThat(e.getMessage())
          .isEqualTo("(combined from similar events): Created pod: web-10");
      assertThat(e.getCount()).isEqualTo(1);
      assertThat(e.getReason()).isEqualTo("SuccessfulCreate");
      assertThat(e.getSource().getComponent()).isEqualTo("test-controller");
    });

    clock.advance(Duration.ofSeconds(10));
    recorder.normal(cm, "SuccessfulCreate", "Created pod: web-11");
    recorder.normal(cm, "SuccessfulCreate", "Created pod: web-12");
    recorder.flush();
    List<Event> events = eventsAbout("similar");
    assertThat(events).hasSize(11);
    assertThat(combined(events)).singleElement().satisfies(e -> {
      assertThat(e.getMessage())
          .isEqualTo("(combined from similar events): Created pod: web-12");
      assertThat(e.getCount()).isEqualTo(3);
      assertThat(e.getLastTimestamp()).isEqualTo("2026-01-01T00:00:10Z");
    });
  }

  @Test
  void similarMessagesAreNoLongerCombinedAfterTenQuietMinutes() {
    ConfigMap cm = createConfigMap("window");
    IntStream.rangeClosed(1, 10).forEach(i -> recorder.normal(cm, "Tick", "tick " + i));
    recorder.flush();
    assertThat(combined(eventsAbout("window"))).hasSize(1);

    clock.advance(Duration.ofSeconds(601));
    recorder.normal(cm, "Tick", "tick 11");
    recorder.flush();
    assertThat(eventsAbout("window")).extracting(Event::getMessage).contains("tick 11");
  }

  private static List<Event> combined(List<Event> events) {
    return events.stream()
        .filter(e -> e.getMessage().startsWith("(combined from similar events): "))
        .toList();
  }
}
