package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code kubectl rollout} verbs and the reference's scenarios that go with them (§9 C–E),
 * with both kubectl versions against simulated nodes: a progress deadline that fails
 * {@code rollout status}, history with change causes, undo to a revision, pause, resume, restart,
 * and scaling in the middle of a stuck rollout.
 */
@Execution(ExecutionMode.CONCURRENT)
class RolloutCommandsTest {

  private static final String NEVER_READY = "capstan.io/simulate-never-ready";

  @TempDir
  static Path dataDir;
  private static Cluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = Cluster.simulated(dataDir, "cmds", 3);
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
  void rolloutStatusFailsWhenTheProgressDeadlinePasses(Kubectl template) throws Exception {
    Kubectl k = cluster.kubectl(template);
    String ns = createSettled(k, 3, "");
    k.ok("patch", "deployment/web", "-n", ns, "-p", """
        {"spec":{"progressDeadlineSeconds":3,
         "template":{"metadata":{"annotations":{"%s":"true"}}}}}""".formatted(NEVER_READY));

    Kubectl.Result status = k.run("rollout", "status", "deployment/web", "-n", ns,
        "--timeout=60s");
    assertThat(status.exitCode()).as(status.toString()).isEqualTo(1);
    assertThat(status.err()).contains("error: deployment \"web\" exceeded its progress deadline");
    assertThat(cluster.deployment(ns, "web").getStatus().getConditions())
        .anyMatch(c -> c.getType().equals("Progressing") && c.getStatus().equals("False")
            && c.getReason().equals("ProgressDeadlineExceeded"));
    assertThat(cluster.sizes(ns)).as("a failed rollout is not rolled back").containsExactly(3, 1);

    k.ok("rollout", "undo", "deployment/web", "-n", ns);
    rolledOut(k, ns);
    assertThat(cluster.deployment(ns, "web").getStatus().getConditions())
        .anyMatch(c -> c.getType().equals("Progressing") && c.getStatus().equals("True")
            && c.getReason().equals("NewReplicaSetAvailable"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void historyListsChangeCausesAndUndoGoesToAnyRevision(Kubectl template) throws Exception {
    Kubectl k = cluster.kubectl(template);
    String ns = createSettled(k, 2, "");
    for (String version : List.of("v2", "v3")) {
      k.ok("set", "image", "deployment/web", "web=web:" + version, "-n", ns);
      k.ok("annotate", "deployment/web", "-n", ns, "kubernetes.io/change-cause=to " + version,
          "--overwrite");
      rolledOut(k, ns);
    }
    assertThat(history(k, ns)).containsPattern("(?m)^1\\s+<none>\\s*$")
        .containsPattern("(?m)^2\\s+to v2\\s*$").containsPattern("(?m)^3\\s+to v3\\s*$");

    Kubectl.Result missing = k.run("rollout", "undo", "deployment/web", "-n", ns,
        "--to-revision=7");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("unable to find specified revision 7 in history");

    assertThat(k.ok("rollout", "undo", "deployment/web", "-n", ns, "--to-revision=1").out())
        .contains("deployment.apps/web rolled back");
    rolledOut(k, ns);
    assertThat(image(k, ns)).isEqualTo("web:v1");
    assertThat(history(k, ns)).as("revision 1 became revision 4")
        .containsPattern("(?m)^2\\s").containsPattern("(?m)^3\\s").containsPattern("(?m)^4\\s")
        .doesNotContainPattern("(?m)^1\\s");
    assertThat(cluster.replicaSets(ns)).as("the old ReplicaSet is reused, no new one")
        .hasSize(3);
    assertThat(k.ok("rollout", "undo", "deployment/web", "-n", ns, "--to-revision=4").out())
        .contains("skipped rollback (current template already matches revision 4)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void pauseHoldsTheRolloutUntilResumeAndRestartReplacesEveryPod(Kubectl template)
      throws Exception {
    Kubectl k = cluster.kubectl(template);
    String ns = createSettled(k, 3, "");
    assertThat(k.ok("rollout", "pause", "deployment/web", "-n", ns).out())
        .contains("deployment.apps/web paused");
    Kubectl.Result again = k.run("rollout", "pause", "deployment/web", "-n", ns);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("deployments.apps \"web\" is already paused");

    k.ok("set", "image", "deployment/web", "web=web:v2", "-n", ns);
    k.ok("scale", "deployment/web", "-n", ns, "--replicas=4");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      var d = cluster.deployment(ns, "web");
      assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
      assertThat(cluster.sizes(ns)).as("paused: scaled, not rolled").containsExactly(4);
    });
    assertThat(k.ok("rollout", "status", "deployment/web", "-n", ns, "--watch=false").out())
        .contains("Waiting for deployment \"web\" rollout to finish: 0 out of 4 new replicas"
            + " have been updated...");
    Kubectl.Result restartPaused = k.run("rollout", "restart", "deployment/web", "-n", ns);
    assertThat(restartPaused.exitCode()).isEqualTo(1);
    assertThat(restartPaused.err())
        .contains("can't restart paused deployment (run rollout resume first)");

    assertThat(k.ok("rollout", "resume", "deployment/web", "-n", ns).out())
        .contains("deployment.apps/web resumed");
    rolledOut(k, ns);
    assertThat(cluster.sizes(ns)).containsExactly(0, 4);

    assertThat(k.ok("rollout", "restart", "deployment/web", "-n", ns).out())
        .contains("deployment.apps/web restarted");
    rolledOut(k, ns);
    assertThat(cluster.sizes(ns)).containsExactly(0, 0, 4);
    assertThat(cluster.deployment(ns, "web").getSpec().getTemplate().getMetadata()
        .getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
    assertThat(cluster.deployment(ns, "web").getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "3");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void scalingAStuckRolloutSplitsTheNewReplicasProportionally(Kubectl template)
      throws Exception {
    Kubectl k = cluster.kubectl(template);
    String ns = createSettled(k, 10, "");
    k.ok("patch", "deployment/web", "-n", ns, "-p", """
        {"spec":{"strategy":{"rollingUpdate":{"maxSurge":3,"maxUnavailable":2}},
         "template":{"metadata":{"annotations":{"%s":"true"}},
         "spec":{"containers":[{"name":"web","image":"web:bad"}]}}}}""".formatted(NEVER_READY));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(cluster.sizes(ns)).containsExactly(8, 5);
      assertThat(cluster.deployment(ns, "web").getStatus().getAvailableReplicas()).isEqualTo(8);
    });

    k.ok("scale", "deployment/web", "-n", ns, "--replicas=15");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(cluster.sizes(ns)).containsExactly(11, 7);
      for (ReplicaSet rs : cluster.replicaSets(ns)) {
        assertThat(rs.getMetadata().getAnnotations())
            .containsEntry("deployment.kubernetes.io/desired-replicas", "15")
            .containsEntry("deployment.kubernetes.io/max-replicas", "18");
      }
    });
  }

  private static String createSettled(Kubectl k, int replicas, String extraSpec)
      throws Exception {
    String ns = cluster.namespace(k);
    k.okWithInput(Manifests.deployment(replicas, Manifests.rollingUpdate("25%", "25%"),
        extraSpec), "apply", "-n", ns, "-f", "-");
    rolledOut(k, ns);
    return ns;
  }

  private static void rolledOut(Kubectl k, String ns) throws Exception {
    assertThat(k.ok("rollout", "status", "deployment/web", "-n", ns, "--timeout=90s").out())
        .contains("deployment \"web\" successfully rolled out");
  }

  private static String history(Kubectl k, String ns) throws Exception {
    return k.ok("rollout", "history", "deployment/web", "-n", ns).out();
  }

  private static String image(Kubectl k, String ns) throws Exception {
    return k.ok("get", "deployment/web", "-n", ns, "-o",
        "jsonpath={.spec.template.spec.containers[0].image}").out();
  }
}
