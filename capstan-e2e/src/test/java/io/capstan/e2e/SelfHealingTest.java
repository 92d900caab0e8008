package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The desired state comes back whatever kubectl deletes underneath a Deployment — a pod, its
 * ReplicaSet, every pod — and deleting the Deployment takes its ReplicaSets and pods with it,
 * unless {@code --cascade=orphan} keeps them.
 */
@Execution(ExecutionMode.CONCURRENT)
class SelfHealingTest {

  @TempDir
  static Path dataDir;
  private static Cluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = Cluster.simulated(dataDir, "heal", 2);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  static Stream<Kubectl> kubectls() {
    return Kubectl.onThisMachine().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void deletedPodsAndReplicaSetsComeBack(Kubectl template) throws Exception {
    Kubectl k = cluster.kubectl(template);
    String ns = createSettled(k);
    Set<String> first = readyPodNames(ns);

    String victim = first.iterator().next();
    k.ok("delete", "pod", victim, "-n", ns);
    Set<String> afterPod = awaitReplaced(ns, Set.of(victim));
    assertThat(afterPod).containsAll(without(first, victim));

    String rsName = cluster.replicaSets(ns).getFirst().getMetadata().getName();
    k.ok("delete", "replicaset", rsName, "-n", ns);
    // The garbage collector deletes the old pods in the background; the ReplicaSet comes back.
    Set<String> afterRs = awaitReplaced(ns, afterPod);
    assertThat(cluster.replicaSets(ns)).extracting(rs -> rs.getMetadata().getName())
        .as("the same template makes the same ReplicaSet name").containsExactly(rsName);

    k.ok("delete", "pods", "--all", "-n", ns);
    awaitReplaced(ns, afterRs);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void deletingTheDeploymentCascadesUnlessOrphaned(Kubectl template) throws Exception {
    Kubectl k = cluster.kubectl(template);
    String ns = createSettled(k);
    k.ok("delete", "deployment", "web", "-n", ns);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(cluster.replicaSets(ns)).isEmpty();
      assertThat(pods(ns)).isEmpty();
    });

    String orphaned = cluster.namespace(k);
    k.okWithInput(deployment(), "apply", "-n", orphaned, "-f", "-");
    rolledOut(k, orphaned);
    Set<String> kept = readyPodNames(orphaned);
    k.ok("delete", "deployment", "web", "-n", orphaned, "--cascade=orphan");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(cluster.replicaSets(orphaned)).singleElement()
            .satisfies(rs -> assertThat(rs.getMetadata().getOwnerReferences()).isEmpty()));
    ReplicaSet rs = cluster.replicaSets(orphaned).getFirst();
    assertThat(rs.getSpec().getReplicas()).isEqualTo(3);
    assertThat(readyPodNames(orphaned)).isEqualTo(kept);
    assertThat(pods(orphaned)).allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences())
        .singleElement().satisfies(o -> assertThat(o.getName())
            .isEqualTo(rs.getMetadata().getName())));
  }

  private static String deployment() {
    return Manifests.deployment(3, Manifests.rollingUpdate("25%", "25%"), "");
  }

  private static String createSettled(Kubectl k) throws Exception {
    String ns = cluster.namespace(k);
    k.okWithInput(deployment(), "apply", "-n", ns, "-f", "-");
    rolledOut(k, ns);
    return ns;
  }

  private static void rolledOut(Kubectl k, String ns) throws Exception {
    assertThat(k.ok("rollout", "status", "deployment/web", "-n", ns, "--timeout=90s").out())
        .contains("deployment \"web\" successfully rolled out");
  }

  private static List<Pod> pods(String ns) {
    return cluster.client().pods().inNamespace(ns).list().getItems();
  }

  /** Names of the ready, not terminating pods. */
  private static Set<String> readyPodNames(String ns) {
    return pods(ns).stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> p.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")))
        .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
  }

  /**
   * Waits until exactly 3 pods exist, all ready and none of them one of {@code gone}, and returns
   * their names.
   */
  private static Set<String> awaitReplaced(String ns, Set<String> gone) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> {
      Set<String> ready = readyPodNames(ns);
      boolean replaced = ready.size() == 3 && pods(ns).size() == 3
          && ready.stream().noneMatch(gone::contains);
      return replaced ? ready : null;
    }, names -> names != null);
  }

  private static Set<String> without(Set<String> names, String removed) {
    return names.stream().filter(n -> !n.equals(removed)).collect(Collectors.toSet());
  }
}
