package io.capstan.bench.podstart;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.capstan.bench.Report;
import io.capstan.bench.Scenario;
import io.capstan.bench.server.CapstanServer;
import io.capstan.bench.server.JvmOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * 100 bare busybox pods created at once against the real server on its process runtime; per pod
 * the time from issuing its create to the first watch event showing it Ready. Target: p99 ≤ 1 s.
 *
 * <p>Bare pods rather than a Deployment: the figure is the node's start path (scheduling, the
 * agent starting the process, the readiness probe, the status write), and with bare pods the
 * client knows each pod's own create instant; a Deployment would add the ReplicaSet controller's
 * batching and leave only a second-granular creationTimestamp to measure from.
 */
public final class PodStartScenario implements Scenario {

  static final int PODS = 100;
  static final String NODE = "bench-podstart";
  static final String NAMESPACE = "default";
  static final List<String> SERVER_ARGS = List.of("--node-name", NODE,
      "--pod-cidr", "127.130.0.0/16", "--service-cidr", "127.131.0.0/16");
  @Override
  public String name() {
    return "podstart";
  }

  @Override
  public String heading() {
    return "Pod start (process runtime)";
  }

  @Override
  public Report run(Options options) throws Exception {
    Path busybox = Path.of(".tools", "busybox", "bin", "busybox").toAbsolutePath();
    if (!Files.isExecutable(busybox)) {
      throw new IllegalStateException("the podstart benchmark needs " + busybox
          + ": run bin/install-test-tools.sh");
    }
    Machine machine = Machine.describe();
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    Path dataDir = Files.createTempDirectory("capstan-bench-podstart");
    Measurement measurement;
    try (CapstanServer server = CapstanServer.start(dataDir, JvmOptions.launcher(),
        SERVER_ARGS.toArray(String[]::new))) {
      try (KubernetesClient client = server.client()) {
        client.nodes().withName(NODE).waitUntilCondition(
            node -> node != null && node.getStatus() != null
                && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream().anyMatch(
                    c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())),
            2, TimeUnit.MINUTES);
        measurement = measure(client, busybox);
        deletePods(client);
      }
    }
    List<Long> survivors = BusyboxProcesses.running(busybox);
    deleteTree(dataDir);
    return new PodStartReport(machine, date, options, measurement.fromCreate(),
        measurement.allReady(), measurement.createSpan(), survivors.size());
  }

  record Measurement(Map<Milestone, List<Duration>> fromCreate, Duration allReady,
      Duration createSpan) {}

  private static Measurement measure(KubernetesClient client, Path busybox) throws Exception {
    ReadyWatch watch = new ReadyWatch(PODS);
    Map<String, Long> createdNanos = new ConcurrentHashMap<>();
    try (Watch ignored = client.pods().inNamespace(NAMESPACE).withLabel("bench", "podstart")
            .watch(watch);
        ExecutorService creators = Executors.newVirtualThreadPerTaskExecutor()) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> creates = new ArrayList<>();
      for (int i = 0; i < PODS; i++) {
        Pod pod = pod(String.format("podstart-%03d", i), busybox);
        creates.add(creators.submit(() -> {
          go.await();
          createdNanos.put(pod.getMetadata().getName(), System.nanoTime());
          return client.pods().inNamespace(NAMESPACE).resource(pod).create();
        }));
      }
      go.countDown();
      for (Future<?> create : creates) {
        create.get();
      }
      long createsDone = System.nanoTime();
      if (!watch.awaitAll(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("only " + watch.readyNanos().size() + " of " + PODS
            + " pods became Ready within two minutes");
      }
      Map<String, Long> ready = watch.readyNanos();
      Map<Milestone, List<Duration>> fromCreate = new EnumMap<>(Milestone.class);
      for (Milestone milestone : Milestone.ALL) {
        Map<String, Long> seen = watch.seenNanos(milestone);
        fromCreate.put(milestone, createdNanos.entrySet().stream()
            .filter(e -> seen.containsKey(e.getKey()))
            .map(e -> Duration.ofNanos(seen.get(e.getKey()) - e.getValue())).toList());
      }
      long firstCreate = createdNanos.values().stream().min(Long::compare).orElseThrow();
      long lastReady = ready.values().stream().max(Long::compare).orElseThrow();
      return new Measurement(fromCreate, Duration.ofNanos(lastReady - firstCreate),
          Duration.ofNanos(createsDone - firstCreate));
    }
  }

  /**
   * A pod sleeping in busybox, Ready as soon as an exec of {@code busybox true} succeeds: the
   * cheapest probe that still goes through the agent's prober.
   */
  static Pod pod(String name, Path busybox) {
    return new PodBuilder()
        .withNewMetadata().withName(name).addToLabels("bench", "podstart").endMetadata()
        .withNewSpec()
        .addNewContainer().withName("sleep").withImage("busybox")
        .withCommand(busybox.toString(), "sleep", "3600")
        .withNewReadinessProbe().withNewExec().withCommand(busybox.toString(), "true").endExec()
        .withPeriodSeconds(1).endReadinessProbe()
        .endContainer()
        .withTerminationGracePeriodSeconds(5L)
        .endSpec().build();
  }

  private static void deletePods(KubernetesClient client) {
    client.pods().inNamespace(NAMESPACE).withLabel("bench", "podstart").delete();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < deadline
        && !client.pods().inNamespace(NAMESPACE).withLabel("bench", "podstart").list()
            .getItems().isEmpty()) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
