package io.capstan.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.testing.FakeClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ControllerTest {

  private static TestApi api;

  @BeforeAll
  static void startServer() throws Exception {
    api = TestApi.start();
  }

  @AfterAll
  static void stopServer() {
    api.close();
  }

  /** Counts reconciles per key and records the data value it read from the informer cache. */
  private static final class Recorder implements Reconciler {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<String> seen = new CopyOnWriteArrayList<>();
    volatile SharedIndexInformer<ConfigMap> informer;

    @Override
    public Result reconcile(String key) {
      calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      Optional.ofNullable(informer.getStore().getByKey(key))
          .map(cm -> cm.getData().get("v"))
          .ifPresent(v -> seen.add(key + "=" + v));
      return Result.done();
    }

    int count(String key) {
      return Optional.ofNullable(calls.get(key)).map(AtomicInteger::get).orElse(0);
    }
  }

  private static ConfigMap configMap(String name, String value) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default")
        .endMetadata().addToData("v", value).build();
  }

  @Test
  void reconcilesCreateAndUpdateOfAConfigMap() throws Exception {
    Recorder recorder = new Recorder();
    SharedIndexInformer<ConfigMap> informer =
        api.client.configMaps().inNamespace("default").runnableInformer(0);
    recorder.informer = informer;
    try (Controller controller = Controller.builder("cm", recorder).workers(2)
        .watch(informer).build()) {
      controller.start().get(30, TimeUnit.SECONDS);
      assertThat(informer.hasSynced()).isTrue();

      api.client.configMaps().inNamespace("default").resource(configMap("alpha", "1")).create();
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.seen.contains("default/alpha=1"));

      api.client.configMaps().inNamespace("default").withName("alpha")
          .edit(cm -> new ConfigMapBuilder(cm).addToData("v", "2").build());
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.seen.contains("default/alpha=2"));
      assertThat(recorder.count("default/alpha")).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void failingReconcileIsRetriedWithBackoffUntilItSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Reconciler flaky = key -> {
      if (key.equals("default/flaky") && attempts.incrementAndGet() <= 3) {
        throw new IllegalStateException("not yet");
      }
      return Result.done();
    };
    SharedIndexInformer<ConfigMap> informer =
        api.client.configMaps().inNamespace("default").runnableInformer(0);
    try (Controller controller = Controller.builder("flaky", flaky)
        .backoff(Duration.ofMillis(1), Duration.ofMillis(20)).watch(informer).build()) {
      controller.start().get(30, TimeUnit.SECONDS);
      api.client.configMaps().inNamespace("default").resource(configMap("flaky", "x")).create();
      await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 4);
      await().atMost(Duration.ofSeconds(5))
          .until(() -> controller.queue().numRequeues("default/flaky") == 0);
    }
  }

  @Test
  void oneKeyIsNeverReconciledByTwoWorkersAtOnce() throws Exception {
    Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger total = new AtomicInteger();
    Reconciler slow = key -> {
      AtomicInteger counter = inFlight.computeIfAbsent(key, k -> new AtomicInteger());
      if (counter.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      // Stay in flight long enough for further events of the same key to arrive meanwhile.
      long until = System.nanoTime() + Duration.ofMillis(20).toNanos();
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      counter.decrementAndGet();
      total.incrementAndGet();
      return Result.done();
    };
    SharedIndexInformer<ConfigMap> informer =
        api.client.configMaps().inNamespace("default").runnableInformer(0);
    try (Controller controller = Controller.builder("busy", slow).workers(4)
        .watch(informer).build()) {
      controller.start().get(30, TimeUnit.SECONDS);
      api.client.configMaps().inNamespace("default").resource(configMap("busy", "0")).create();
      for (int i = 1; i <= 20; i++) {
        String value = Integer.toString(i);
        api.client.configMaps().inNamespace("default").withName("busy")
            .edit(cm -> new ConfigMapBuilder(cm).addToData("v", value).build());
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> total.get() >= 2
          && controller.queue().length() == 0
          && inFlight.get("default/busy").get() == 0);
      assertThat(overlaps.get()).isZero();
    }
  }

  @Test
  void requeueAfterRunsTheKeyAgainWhenTheClockSaysSo() throws Exception {
    FakeClock clock = new FakeClock();
    AtomicInteger calls = new AtomicInteger();
    Reconciler periodic = key -> {
      calls.incrementAndGet();
      return Result.requeueAfter(Duration.ofMinutes(1));
    };
    SharedIndexInformer<ConfigMap> informer =
        api.client.configMaps().inNamespace("kube-public").runnableInformer(0);
    try (Controller controller = Controller.builder("periodic", periodic)
        .time(clock, clock).watch(informer).build()) {
      controller.start().get(30, TimeUnit.SECONDS);
      controller.queue().add("kube-public/tick");
      await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);
      await().atMost(Duration.ofSeconds(5)).until(() -> !clock.pendingDueTimes().isEmpty());
      clock.advance(Duration.ofSeconds(59));
      assertThat(calls.get()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(1));
      await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 2);
    }
  }

  @Test
  void stopEndsWorkersAndInformers() throws Exception {
    SharedIndexInformer<ConfigMap> informer =
        api.client.configMaps().inNamespace("default").runnableInformer(0);
    Controller controller = Controller.builder("stopper", key -> Result.done())
        .workers(3).watch(informer).build();
    controller.start().get(30, TimeUnit.SECONDS);
    controller.stop();
    assertThat(informer.isRunning()).isFalse();
    assertThat(controller.queue().isShuttingDown()).isTrue();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().startsWith("stopper-worker-"));
  }
}
