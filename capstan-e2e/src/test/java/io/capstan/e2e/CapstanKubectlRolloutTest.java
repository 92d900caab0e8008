package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;

/**
 * {@code capstan kubectl rollout ...} and {@code wait} against a server running busybox pods as
 * processes: the same steps in two twin namespaces, one driven by the real kubectl and one by
 * capstan kubectl, print the same; and a rollout to a crash-looping template makes
 * {@code rollout status} fail within seconds with the pod, the reason and the container's log,
 * and with {@code --rollback-on-failure} the previous revision serves again.
 */
@Execution(ExecutionMode.CONCURRENT)
class CapstanKubectlRolloutTest {

  @TempDir
  static Path dataDir;
  private static Cluster cluster;

  @BeforeAll
  static void start() throws Exception {
    Busybox.path();
    cluster = Cluster.start(dataDir, "kro", "--node-name", "krollout",
        "--pod-cidr", "127.202.0.0/16", "--service-cidr", "127.102.0.0/16");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** One step; for a watching {@code rollout status} only the exit code and last line count. */
  record Step(boolean lastLineOnly, String... args) {}

  @Test
  void rolloutVerbsPrintWhatKubectlPrints() throws Exception {
    Kubectl real = cluster.kubectl();
    Kubectl capstan = Kubectl.capstan(cluster.capstan().kubeconfig());
    String realNs = settledTwoRevisions(real);
    String capstanNs = settledTwoRevisions(real);
    List<Step> steps = List.of(
        new Step(false, "rollout", "history", "deployment/web"),
        new Step(false, "rollout", "history", "deployment", "web", "--revision=2"),
        new Step(false, "rollout", "history", "deployment/web", "--revision=5"),
        new Step(false, "rollout", "undo", "deployment/web", "--to-revision=7"),
        new Step(false, "rollout", "pause", "deployment/web"),
        new Step(false, "rollout", "pause", "deployment/web"),
        new Step(false, "rollout", "restart", "deployment/web"),
        new Step(false, "rollout", "undo", "deployment/web"),
        new Step(false, "rollout", "resume", "deployment/web"),
        new Step(false, "rollout", "resume", "deployment/web"),
        new Step(false, "rollout", "undo", "deployment/web", "--to-revision=1"),
        new Step(true, "rollout", "status", "deployment/web", "--timeout=60s"),
        new Step(false, "rollout", "status", "deployment/web", "--watch=false"),
        new Step(false, "rollout", "history", "deployment/web"),
        new Step(false, "rollout", "undo", "deployment/web", "--to-revision=3"),
        new Step(false, "rollout", "status", "deployment/web", "--revision=9"),
        new Step(false, "rollout", "restart", "deployment/web"),
        new Step(true, "rollout", "status", "deployment/web", "--timeout=60s"),
        new Step(false, "wait", "--for=condition=Available", "deployment/web"),
        new Step(false, "wait", "--for=condition=Available=false", "deployment/web",
            "--timeout=1s"),
        new Step(false, "wait", "--for=condition=available", "deploy", "-l", "app=nope"),
        new Step(false, "wait", "--for=delete", "deployment/nope"),
        new Step(false, "rollout", "status", "deployment/web", "deployment/nope"),
        new Step(false, "wait", "--for=condition=Available"));
    for (Step step : steps) {
      Kubectl.Result expected = real.run(in(realNs, step.args()));
      Kubectl.Result actual = capstan.run(in(capstanNs, step.args()));
      String what = String.join(" ", step.args());
      if (step.lastLineOnly()) {
        assertThat(actual.exitCode()).as(what + "\n" + actual).isEqualTo(expected.exitCode());
        assertThat(lastLine(actual.out())).as(what).isEqualTo(lastLine(expected.out()));
      } else {
        assertThat(actual.toString()).as(what).isEqualTo(expected.toString());
      }
    }
  }

  @Test
  void crashLoopingRolloutFailsFastAndRollsBack() throws Exception {
    Kubectl real = cluster.kubectl();
    Kubectl capstan = Kubectl.capstan(cluster.capstan().kubeconfig());
    String ns = cluster.namespace(real);
    real.okWithInput(deployment(2, "echo serving; exec " + Busybox.path() + " sleep 3600"),
        "apply", "-n", ns, "-f", "-");
    capstan.ok("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
    String serving = cluster.replicaSets(ns).getFirst().getMetadata().getName();
    crash(real, ns, "boom");

    Instant started = Instant.now();
    Kubectl.Result failed = capstan.run("rollout", "status", "deployment/web", "-n", ns,
        "--timeout=120s", "-o", "json");
    assertThat(Duration.between(started, Instant.now())).as(failed.toString())
        .isLessThan(Duration.ofSeconds(30));
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    assertThat(failed.err()).as(failed.toString())
        .containsPattern("error: deployment \"web\" rollout failed: pod web-\\S+ container web: "
            + "(CrashLoopBackOff|Error)").contains("boom");
    List<String> lines = failed.out().lines().toList();
    JsonNode last = Json.MAPPER.readTree(lines.getLast());
    assertThat(last.path("phase").asString()).isEqualTo("Failed");
    assertThat(last.path("logs").asString()).contains("boom");
    assertThat(lines).allSatisfy(l -> assertThat(Json.MAPPER.readTree(l).has("updated")).isTrue());

    assertThat(capstan.ok("rollout", "undo", "deployment/web", "-n", ns).out())
        .isEqualTo("deployment.apps/web rolled back\n");
    capstan.ok("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
    crash(real, ns, "bang");
    started = Instant.now();
    Kubectl.Result rolledBack = capstan.run("rollout", "status", "deployment/web", "-n", ns,
        "--timeout=50s", "--rollback-on-failure");
    assertThat(rolledBack.exitCode()).as(rolledBack.toString()).isEqualTo(1);
    assertThat(rolledBack.err()).contains("bang");
    assertThat(rolledBack.out()).as(rolledBack.toString())
        .contains("deployment.apps/web rolled back to revision 3")
        .endsWith("deployment \"web\" successfully rolled out\n");
    Deployment web = cluster.deployment(ns, "web");
    assertThat(web.getSpec().getTemplate().getSpec().getContainers().getFirst().getCommand())
        .anySatisfy(arg -> assertThat(arg).contains("echo serving"));
    assertThat(web.getStatus().getAvailableReplicas()).isEqualTo(2);
    assertThat(web.getStatus().getUpdatedReplicas()).isEqualTo(2);
    assertThat(web.getStatus().getReplicas()).isEqualTo(2);
    String revision = web.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision");
    List<ReplicaSet> replicaSets = cluster.replicaSets(ns);
    assertThat(replicaSets).as("the old ReplicaSet serves again, no new one").hasSize(3);
    ReplicaSet current = replicaSets.getLast();
    assertThat(current.getMetadata().getName()).isEqualTo(serving);
    assertThat(current.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", revision);
    assertThat(current.getStatus().getReadyReplicas()).isEqualTo(2);
  }

  /** Replaces the template's command by one that prints {@code word} and exits 3. */
  private static void crash(Kubectl k, String ns, String word) throws Exception {
    k.ok("patch", "deployment/web", "-n", ns, "--type=json", "-p",
        "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/command\","
            + "\"value\":[\"" + Busybox.path() + "\",\"sh\",\"-c\",\"echo " + word
            + "; exit 3\"]}]");
  }

  /** A namespace with web at revision 2 (change cause "to v2"), rolled out. */
  private static String settledTwoRevisions(Kubectl k) throws Exception {
    String ns = cluster.namespace(k);
    k.okWithInput(deployment(2, "exec " + Busybox.path() + " sleep 3600"),
        "apply", "-n", ns, "-f", "-");
    k.ok("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
    k.ok("set", "image", "deployment/web", "web=busybox:v2", "-n", ns);
    k.ok("annotate", "deployment/web", "-n", ns, "kubernetes.io/change-cause=to v2");
    k.ok("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
    return ns;
  }

  private static String deployment(int replicas, String script) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: %d
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: busybox
                command: ["%s", "sh", "-c", "%s"]
        """.formatted(replicas, Busybox.path(), script);
  }

  private static String[] in(String ns, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("-n");
    all.add(ns);
    return all.toArray(String[]::new);
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().toList();
    return lines.isEmpty() ? "" : lines.getLast();
  }
}
