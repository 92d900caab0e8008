package io.capstan.bench.watch;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.capstan.bench.Report;
import io.capstan.bench.Scenario;
import io.capstan.bench.api.ApiScenario;
import io.capstan.bench.latency.LatencyRecorder;
import io.capstan.bench.server.CapstanServer;
import io.capstan.bench.server.JvmOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * 200 watches on one namespace's ConfigMaps, then 1,000 changes at 100 per second (500 creates,
 * then an update of each; each change has its time slot and one of eight writer threads makes
 * it, so a slow answer does not push the later changes back), each stamped with
 * {@code System.nanoTime()} just before its request is sent. Target: p99 delivery delay ≤ 50 ms,
 * no event lost. There is no reference.
 *
 * <p>The watches are spread over four fabric8 clients, 50 each: every watch is its own HTTP
 * connection whatever the client, but one client runs all of its connections on the event loops
 * of one Vert.x instance; four clients spread the decoding as four consumer processes would,
 * without the 200 Vert.x instances one client per watch would start inside one benchmark JVM.
 */
public final class WatchScenario implements Scenario {

  static final int WATCHERS = 200;
  static final int CLIENTS = 4;
  static final int CHANGES = 1_000;
  static final int CHANGES_PER_SECOND = 100;
  static final int WRITERS = 8;
  static final String NAMESPACE = "bench-watch";

  @Override
  public String name() {
    return "watch";
  }

  @Override
  public String heading() {
    return "Watch fan-out: 200 watchers, 1,000 changes";
  }

  @Override
  public Report run(Options options) throws Exception {
    Machine machine = Machine.describe();
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    Path dataDir = Files.createTempDirectory("capstan-bench-watch");
    try (CapstanServer server = CapstanServer.start(dataDir, JvmOptions.launcher(),
        "--runtime", "simulated", "--service-cidr", "127.123.0.0/16",
        "--pod-cidr", "127.124.0.0/16");
        KubernetesClient writer = server.client()) {
      writer.namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName(NAMESPACE).endMetadata().build()).create();
      List<KubernetesClient> clients = new ArrayList<>();
      List<Watch> watches = new ArrayList<>();
      List<DelayWatcher> watchers = new ArrayList<>();
      AtomicInteger received = new AtomicInteger();
      try {
        for (int c = 0; c < CLIENTS; c++) {
          clients.add(server.client());
        }
        for (int w = 0; w < WATCHERS; w++) {
          DelayWatcher watcher = new DelayWatcher(received);
          watchers.add(watcher);
          watches.add(clients.get(w % CLIENTS).configMaps().inNamespace(NAMESPACE)
              .watch(watcher));
        }
        double writeSeconds = write(writer);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < WATCHERS * CHANGES && System.nanoTime() < deadline) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        LatencyRecorder all = new LatencyRecorder();
        watchers.forEach(w -> all.addAll(w.delays()));
        int closedEarly = (int) watchers.stream().filter(w -> !w.closedBy().isEmpty()).count();
        return new WatchReport(machine, date, options, CLIENTS, CHANGES_PER_SECOND,
            new WatchResult(WATCHERS, CHANGES, writeSeconds, all.summary(), closedEarly));
      } finally {
        watches.forEach(Watch::close);
        clients.forEach(KubernetesClient::close);
      }
    }
  }

  /**
   * The changes, each scheduled at its slot of the steady rate and made by one of a few writer
   * threads, so a slow write does not delay the ones after it; returns how long they took in
   * seconds (from the first slot to the last write's answer).
   */
  private static double write(KubernetesClient client) throws Exception {
    var configMaps = client.configMaps().inNamespace(NAMESPACE);
    AtomicReferenceArray<ConfigMap> created = new AtomicReferenceArray<>(CHANGES / 2);
    long interval = TimeUnit.SECONDS.toNanos(1) / CHANGES_PER_SECOND;
    List<ScheduledFuture<?>> done = new ArrayList<>();
    long started = System.nanoTime();
    try (ScheduledExecutorService writers = Executors.newScheduledThreadPool(WRITERS)) {
      for (int i = 0; i < CHANGES; i++) {
        int change = i;
        done.add(writers.schedule(() -> {
          writeChange(configMaps, created, change);
          return null;
        }, i * interval, TimeUnit.NANOSECONDS));
      }
      for (ScheduledFuture<?> future : done) {
        future.get();
      }
    }
    return (System.nanoTime() - started) / 1e9;
  }

  private static void writeChange(
      NonNamespaceOperation<ConfigMap, ?, Resource<ConfigMap>> configMaps,
      AtomicReferenceArray<ConfigMap> created, int change) {
    if (change < CHANGES / 2) {
      ConfigMap object = new ConfigMapBuilder().withNewMetadata().withName("cm-" + change)
          .addToAnnotations(DelayWatcher.WRITTEN_NANOS, String.valueOf(System.nanoTime()))
          .endMetadata().addToData("value", "0").build();
      created.set(change, configMaps.resource(object).create());
      return;
    }
    // Its create was made 5 s earlier (half the changes at 100/s), long answered by now.
    ConfigMap object = new ConfigMapBuilder(created.get(change - CHANGES / 2)).build();
    object.getMetadata().getAnnotations()
        .put(DelayWatcher.WRITTEN_NANOS, String.valueOf(System.nanoTime()));
    object.getData().put("value", "1");
    configMaps.resource(object).update();
  }
}
