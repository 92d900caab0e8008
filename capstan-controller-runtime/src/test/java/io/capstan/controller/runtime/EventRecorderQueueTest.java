package io.capstan.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.capstan.controller.runtime.testing.FakeClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.ServerSocket;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The recorder's queue: callers never wait for a write, order is kept, a full queue drops. */
class EventRecorderQueueTest {

  private static TestApi api;
  private final FakeClock clock = new FakeClock();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final CountDownLatch writerGate = new CountDownLatch(1);
  /** Starts writers that wait for the gate, as if each write were stuck behind a slow API. */
  private final Executor gatedWriter = task -> Thread.ofVirtual().start(() -> {
    try {
      writerGate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    task.run();
  });

  @BeforeAll
  static void startServer() throws Exception {
    api = TestApi.start();
  }

  @AfterAll
  static void stopServer() {
    api.close();
  }

  @BeforeEach
  void captureLog() {
    log.start();
    recorderLogger().addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    writerGate.countDown();
    recorderLogger().detachAppender(log);
  }

  private static ch.qos.logback.classic.Logger recorderLogger() {
    return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(EventRecorder.class);
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

  private List<String> warnings() {
    return log.list.stream().filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void eventsAreWrittenInTheOrderTheyWereRecorded() {
    ConfigMap cm = createConfigMap("ordered");
    EventRecorder recorder = new EventRecorder(api.client, "test-controller", clock);
    for (int i = 0; i < 20; i++) {
      recorder.normal(cm, "Step" + i, "step " + i);
    }
    recorder.flush();

    // Names carry an increasing number in the order the writer created the events.
    assertThat(eventsAbout("ordered").stream()
        .sorted(Comparator.comparingLong(e -> Long.parseLong(
            e.getMetadata().getName().substring("ordered.".length()), 16)))
        .map(Event::getReason).toList())
        .containsExactlyElementsOf(IntStream.range(0, 20)
            .mapToObj(i -> "Step" + i).toList());
  }

  @Test
  void recordReturnsWhileTheWriterIsStuckAndAFullQueueDropsTheNewestEvents() {
    ConfigMap cm = createConfigMap("overflow");
    EventRecorder recorder = new EventRecorder(api.client, "test-controller", "", clock, 3,
        gatedWriter);
    for (int i = 1; i <= 6; i++) {
      recorder.normal(cm, "Reason" + i, "event " + i);
    }
    // Nothing could have been written: the only writer is still waiting at the gate.
    assertThat(eventsAbout("overflow")).isEmpty();
    assertThat(warnings()).singleElement().asString()
        .contains("event queue of test-controller full", "dropped Reason4", "1 dropped so far");

    writerGate.countDown();
    recorder.flush();
    assertThat(eventsAbout("overflow")).extracting(Event::getReason)
        .containsExactlyInAnyOrder("Reason1", "Reason2", "Reason3");

    // The queue has room again once written.
    recorder.normal(cm, "Reason7", "event 7");
    recorder.flush();
    assertThat(eventsAbout("overflow")).extracting(Event::getReason).contains("Reason7");
  }

  @Test
  void anUnreachableApiIsLoggedAndNeverThrownToTheCaller() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(
        new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + closedPort)
            .withRequestRetryBackoffLimit(0).build()).build()) {
      EventRecorder recorder = new EventRecorder(unreachable, "test-controller", clock);
      ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("nowhere")
          .withNamespace("default").withUid("u-1").endMetadata().build();

      recorder.warning(cm, "Failed", "first");
      recorder.warning(cm, "Failed", "second");
      recorder.flush();

      // Both were attempted: a failed write does not stop the writer.
      assertThat(warnings()).hasSize(2).allSatisfy(line -> assertThat(line)
          .startsWith("could not record event Failed on ConfigMap default/nowhere"));
    }
  }
}
