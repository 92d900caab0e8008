package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kubectl drain} (1.32, 1.20 and {@code capstan kubectl}) empties a node through the
 * eviction subresource: the node ends cordoned and empty, the Deployment's pods come back on the
 * other node, and the PodDisruptionBudget keeps at least minAvailable pods ready throughout.
 * The cases run one after another: a drain cordons a node for everyone.
 */
class DrainTest {

  private static final int MIN_AVAILABLE = 2;

  @TempDir
  static Path dataDir;
  private static Cluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = Cluster.simulated(dataDir, "drain", 2);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void uncordonAll() {
    for (Node node : cluster.client().nodes().list().getItems()) {
      cluster.client().nodes().withName(node.getMetadata().getName())
          .edit(n -> {
            n.getSpec().setUnschedulable(null);
            return n;
          });
    }
  }

  static Stream<Kubectl> kubectls() {
    return Kubectl.allClients(Path.of("unset")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void drainEvictsWithinTheDisruptionBudget(Kubectl template) throws Exception {
    Kubectl k = cluster.kubectl(template);
    String ns = cluster.namespace(k);
    k.okWithInput(Manifests.deployment(3, Manifests.rollingUpdate("25%", "25%"), ""),
        "apply", "-n", ns, "-f", "-");
    // A policy/v1 manifest: kubectl 1.20's "create pdb" writes policy/v1beta1, which Kubernetes
    // 1.32 no longer serves either.
    k.okWithInput("""
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: web}
        spec:
          minAvailable: %d
          selector: {matchLabels: {app: web}}
        """.formatted(MIN_AVAILABLE), "apply", "-n", ns, "-f", "-");
    k.ok("rollout", "status", "deployment/web", "-n", ns, "--timeout=90s");
    await().atMost(Duration.ofSeconds(30)).until(() -> k.ok("get", "pdb", "web", "-n", ns)
        .out().matches("(?s).*web\\s+2\\s+N/A\\s+1\\s+.*"));
    String busiest = readyPods(ns).stream()
        .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()))
        .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();

    AtomicInteger fewestReady = new AtomicInteger(Integer.MAX_VALUE);
    try (Watch watch = watchReadyCount(ns, fewestReady)) {
      Kubectl.Result drained = k.ok("drain", busiest, "--ignore-daemonsets", "--timeout=60s");
      assertThat(drained.out()).contains("node/" + busiest + " cordoned")
          .contains("evicting pod " + ns + "/")
          // kubectl 1.20 reports the drained node as "evicted".
          .containsPattern("node/" + busiest + " (drained|evicted)\n");
      await().atMost(Duration.ofSeconds(30)).until(() -> readyPods(ns).size() == 3
          && cluster.client().pods().inNamespace(ns).list().getItems().size() == 3);
    }

    assertThat(cluster.client().nodes().withName(busiest).get().getSpec().getUnschedulable())
        .isTrue();
    assertThat(readyPods(ns)).allSatisfy(p -> assertThat(p.getSpec().getNodeName())
        .isNotEqualTo(busiest));
    assertThat(fewestReady.get()).as("ready pods while draining").isEqualTo(MIN_AVAILABLE);
  }

  /** An unmanaged pod stops the drain, with kubectl's words. */
  @Test
  void refusesPodsWithoutAControllerAsKubectlDoes() throws Exception {
    List<Kubectl> clients = Kubectl.allClients(cluster.capstan().kubeconfig());
    Kubectl capstan = clients.getLast();
    String ns = cluster.namespace(capstan);
    String node = cluster.client().nodes().list().getItems().getFirst().getMetadata().getName();
    capstan.okWithInput("""
        apiVersion: v1
        kind: Pod
        metadata: {name: bare}
        spec:
          nodeName: %s
          containers: [{name: c, image: busybox}]
        """.formatted(node), "apply", "-n", ns, "-f", "-");

    Kubectl.Result refused = capstan.run("drain", node);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("error: unable to drain node \"" + node
        + "\" due to error: cannot delete cannot delete Pods that declare no controller "
        + "(use --force to override): " + ns + "/bare, continuing command...\n"
        + "There are pending nodes to be drained:\n " + node + "\n");
    if (clients.size() > 1) {
      Kubectl.Result real = clients.getFirst().run("drain", node);
      assertThat(refused.err()).isEqualTo(real.err());
      assertThat(refused.out().replace(" cordoned", " already cordoned")).isEqualTo(real.out());
    }
  }

  private static List<Pod> readyPods(String ns) {
    return cluster.client().pods().inNamespace(ns).list().getItems().stream()
        .filter(DrainTest::readyAndStaying).toList();
  }

  private static boolean readyAndStaying(Pod p) {
    return p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
        && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  /** Tracks the fewest ready, not terminating pods the namespace had at any event. */
  private static Watch watchReadyCount(String ns, AtomicInteger fewest) {
    Map<String, Pod> pods = new ConcurrentHashMap<>(cluster.client().pods().inNamespace(ns)
        .list().getItems().stream()
        .collect(Collectors.toMap(p -> p.getMetadata().getName(), Function.identity())));
    fewest.set((int) pods.values().stream().filter(DrainTest::readyAndStaying).count());
    return cluster.client().pods().inNamespace(ns).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        if (action == Action.DELETED) {
          pods.remove(pod.getMetadata().getName());
        } else {
          pods.put(pod.getMetadata().getName(), pod);
        }
        int ready = (int) pods.values().stream().filter(DrainTest::readyAndStaying).count();
        fewest.accumulateAndGet(ready, Math::min);
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
  }
}
