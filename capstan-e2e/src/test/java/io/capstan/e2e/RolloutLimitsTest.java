package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A template change driven by the real kubectl never breaks the strategy's limits: a watch of
 * every pod event checks, after each one, that at most {@code replicas + maxSurge} pods exist
 * (terminating ones do not count, as in Kubernetes) and at least {@code replicas - maxUnavailable}
 * are ready; Recreate never lets an old and a new pod exist together. The cases are the
 * reference's surge/unavailable resolutions, each in its own namespace of one simulated cluster.
 */
@Execution(ExecutionMode.CONCURRENT)
class RolloutLimitsTest {

  @TempDir
  static Path dataDir;
  private static Cluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = Cluster.simulated(dataDir, "limits", 3);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A strategy and the limits Kubernetes resolves it to (reference §2.1). */
  record Case(String name, int replicas, String strategy, int maxPods, int minReady) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> rollingCases() {
    return Stream.of(
        new Case("10 replicas, 25%/25%", 10, Manifests.rollingUpdate("25%", "25%"), 13, 8),
        new Case("10 replicas, 3/2", 10, Manifests.rollingUpdate("3", "2"), 13, 8),
        new Case("10 replicas, 39%/39%", 10, Manifests.rollingUpdate("39%", "39%"), 14, 7),
        new Case("1 replica, 25%/25%", 1, Manifests.rollingUpdate("25%", "25%"), 2, 1),
        new Case("4 replicas, 0/1", 4, Manifests.rollingUpdate("0", "1"), 4, 3),
        new Case("10 replicas, 0%/5% (forced to 1)", 10, Manifests.rollingUpdate("0%", "5%"),
            10, 9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rollingCases")
  void rollingUpdateStaysWithinItsLimits(Case c) throws Exception {
    Kubectl k = kubectl();
    String ns = createDeployment(k, c.replicas(), c.strategy());
    try (PodCensus census = PodCensus.watch(cluster.client(), ns)) {
      String oldHash = onlyHash(census.latest());
      k.ok("set", "image", "deployment/web", "web=web:v2", "-n", ns);
      rolledOut(k, ns);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        PodCensus.Snapshot last = census.latest();
        assertThat(last.podsByHash()).hasSize(1).doesNotContainKey(oldHash);
        assertThat(last.readyByHash()).containsValue(c.replicas());
      });
      Predicate<PodCensus.Snapshot> withinLimits =
          s -> s.pods() <= c.maxPods() && s.ready() >= c.minReady();
      assertThat(census.violations(withinLimits)).as("snapshots outside %d..%d",
          c.minReady(), c.maxPods()).isEmpty();
      assertThat(census.snapshots()).as("the rollout went through intermediate states")
          .anyMatch(s -> s.podsByHash().size() == 2);
    }
    assertThat(k.ok("get", "replicasets", "-n", ns, "-o",
        "jsonpath={range .items[*]}{.spec.replicas} {end}").out().trim().split(" "))
        .containsExactlyInAnyOrder("0", String.valueOf(c.replicas()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void recreateNeverRunsOldAndNewPodsTogether(Kubectl any) throws Exception {
    Kubectl k = cluster.kubectl(any);
    String ns = createDeployment(k, 3, "{type: Recreate}");
    try (PodCensus census = PodCensus.watch(cluster.client(), ns)) {
      String oldHash = onlyHash(census.latest());
      k.ok("set", "image", "deployment/web", "web=web:v2", "-n", ns);
      rolledOut(k, ns);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(census.latest().readyByHash()).hasSize(1).doesNotContainKey(oldHash)
              .containsValue(3));
      Predicate<PodCensus.Snapshot> noOverlap = s -> !s.hasAny(oldHash)
          || s.podsByHash().keySet().stream().allMatch(oldHash::equals);
      assertThat(census.violations(noOverlap)).isEmpty();
      assertThat(census.snapshots()).as("every old pod went before a new one came")
          .anyMatch(s -> s.podsByHash().isEmpty() && s.terminatingByHash().isEmpty());
    }
  }

  static Stream<Kubectl> kubectls() {
    return Kubectl.onThisMachine().stream();
  }

  private static Kubectl kubectl() {
    return cluster.kubectl();
  }

  private static String createDeployment(Kubectl k, int replicas, String strategy)
      throws Exception {
    String ns = cluster.namespace(k);
    k.okWithInput(Manifests.deployment(replicas, strategy, ""), "apply", "-n", ns, "-f", "-");
    rolledOut(k, ns);
    return ns;
  }

  private static void rolledOut(Kubectl k, String ns) throws Exception {
    assertThat(k.ok("rollout", "status", "deployment/web", "-n", ns, "--timeout=90s").out())
        .contains("deployment \"web\" successfully rolled out");
  }

  /** The template hash of a settled deployment's pods. */
  private static String onlyHash(PodCensus.Snapshot snapshot) {
    Map<String, Integer> pods = snapshot.podsByHash();
    assertThat(pods).as("a settled deployment has pods of one template").hasSize(1);
    return pods.keySet().iterator().next();
  }
}
