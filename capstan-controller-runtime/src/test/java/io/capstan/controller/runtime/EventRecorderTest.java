package io.capstan.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.capstan.controller.runtime.testing.FakeClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

  private static TestApi api;
  private final FakeClock clock = new FakeClock();
  private EventRecorder recorder;

  @BeforeAll
  static void startServer() throws Exception {
    api = TestApi.start();
  }

  @AfterAll
  static void stopServer() {
    api.close();
  }

  private ConfigMap createConfigMap(String name) {
    recorder = new EventRecorder(api.client, "test-controller", clock);
    return api.client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName(name).endMetadata().build()).create();
  }

  private List<Event> eventsAbout(String name) {
    return api.client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  @Test
  void writesAnEventWithSourceReferenceAndTimestamps() {
    ConfigMap cm = createConfigMap("first");
    recorder.normal(cm, "Synced", "all good");
    recorder.flush();

    List<Event> events = eventsAbout("first");
    assertThat(events).hasSize(1);
    Event event = events.getFirst();
    assertThat(event.getType()).isEqualTo("Normal");
    assertThat(event.getReason()).isEqualTo("Synced");
    assertThat(event.getMessage()).isEqualTo("all good");
    assertThat(event.getCount()).isEqualTo(1);
    assertThat(event.getSource().getComponent()).isEqualTo("test-controller");
    assertThat(event.getFirstTimestamp()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(event.getLastTimestamp()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
    assertThat(event.getInvolvedObject().getNamespace()).isEqualTo("default");
    assertThat(event.getInvolvedObject().getUid()).isEqualTo(cm.getMetadata().getUid());
    assertThat(event.getMetadata().getName()).startsWith("first.");
  }

  @Test
  void repeatsBumpCountAndLastTimestampOfOneEvent() {
    ConfigMap cm = createConfigMap("repeat");
    recorder.warning(cm, "Failed", "boom");
    clock.advance(Duration.ofSeconds(30));
    recorder.warning(cm, "Failed", "boom");
    clock.advance(Duration.ofSeconds(30));
    recorder.warning(cm, "Failed", "boom");
    recorder.flush();

    List<Event> events = eventsAbout("repeat");
    assertThat(events).hasSize(1);
    assertThat(events.getFirst().getCount()).isEqualTo(3);
    assertThat(events.getFirst().getType()).isEqualTo("Warning");
    assertThat(events.getFirst().getFirstTimestamp()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(events.getFirst().getLastTimestamp()).isEqualTo("2026-01-01T00:01:00Z");
  }

  @Test
  void differentReasonOrMessageIsASeparateEvent() {
    ConfigMap cm = createConfigMap("distinct");
    recorder.normal(cm, "Scaled", "to 1");
    recorder.normal(cm, "Scaled", "to 2");
    recorder.normal(cm, "Other", "to 2");
    recorder.warning(cm, "Other", "to 2");
    recorder.flush();
    assertThat(eventsAbout("distinct")).hasSize(4).allMatch(e -> e.getCount() == 1);
  }

  @Test
  void aDeletedEventIsRecreatedWithItsCount() {
    ConfigMap cm = createConfigMap("expired");
    recorder.normal(cm, "Tick", "again");
    recorder.flush();
    Event first = eventsAbout("expired").getFirst();
    api.client.v1().events().inNamespace("default").withName(first.getMetadata().getName())
        .delete();
    clock.advance(Duration.ofSeconds(5));
    recorder.normal(cm, "Tick", "again");
    recorder.flush();

    List<Event> events = eventsAbout("expired");
    assertThat(events).hasSize(1);
    assertThat(events.getFirst().getCount()).isEqualTo(2);
    assertThat(events.getFirst().getFirstTimestamp()).isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void clusterScopedObjectsGetEventsInTheDefaultNamespace() {
    recorder = new EventRecorder(api.client, "test-controller", clock);
    Namespace ns = api.client.namespaces().resource(new NamespaceBuilder()
        .withNewMetadata().withName("events-ns").endMetadata().build()).create();
    recorder.normal(ns, "Created", "namespace made");
    recorder.flush();
    assertThat(eventsAbout("events-ns")).singleElement()
        .satisfies(e -> assertThat(e.getInvolvedObject().getKind()).isEqualTo("Namespace"));
  }

  @Test
  void aHostAndAFieldPathAreRecordedAndTheFieldPathSeparatesEvents() {
    ConfigMap cm = createConfigMap("parts");
    recorder = new EventRecorder(api.client, "kubelet", "node-1", clock);
    ObjectReference first = new ObjectReferenceBuilder().withApiVersion("v1")
        .withKind("ConfigMap").withNamespace("default").withName("parts")
        .withUid(cm.getMetadata().getUid()).withFieldPath("data{a}").build();
    ObjectReference second = new ObjectReferenceBuilder(first).withFieldPath("data{b}").build();
    recorder.record(first, EventType.NORMAL, "Started", "same words");
    recorder.record(first, EventType.NORMAL, "Started", "same words");
    recorder.record(second, EventType.NORMAL, "Started", "same words");
    recorder.flush();

    List<Event> events = eventsAbout("parts");
    assertThat(events).hasSize(2);
    assertThat(events).extracting(e -> e.getInvolvedObject().getFieldPath(), Event::getCount)
        .containsExactlyInAnyOrder(tuple("data{a}", 2), tuple("data{b}", 1));
    assertThat(events).allSatisfy(e -> {
      assertThat(e.getSource().getComponent()).isEqualTo("kubelet");
      assertThat(e.getSource().getHost()).isEqualTo("node-1");
      assertThat(e.getReportingComponent()).isEqualTo("kubelet");
      assertThat(e.getReportingInstance()).isEqualTo("node-1");
    });
  }
}
