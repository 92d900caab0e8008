package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Deployment rolls through the whole control plane — Deployment and ReplicaSet controllers,
 * scheduler, simulated nodes — driven by the real kubectl: created, rolled to a new image, rolled
 * back, with {@code rollout status} and {@code rollout history} answering as against Kubernetes.
 */
class RolloutTest {

  @TempDir
  static Path dataDir;
  private static CapstanProcess capstan;
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    capstan = CapstanProcess.start(dataDir, "--runtime", "simulated", "--simulated-nodes", "3",
        "--node-name", "e2e");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (capstan != null) {
      capstan.close();
    }
  }

  static List<Kubectl> kubectls() {
    return Kubectl.onThisMachine();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void rollForwardAndBack(Kubectl template) throws Exception {
    Kubectl k = template.withKubeconfig(capstan.kubeconfig());
    String ns = "roll" + NAMESPACES.incrementAndGet();
    k.ok("create", "namespace", ns);
    String manifest = Kubectl.seed("deployment.yaml");
    k.okWithInput(manifest, "apply", "-n", ns, "-f", "-");
    assertThat(k.ok("rollout", "status", "deployment/nginx-deployment", "-n", ns,
        "--timeout=60s").out()).contains("successfully rolled out");
    assertThat(k.ok("get", "nodes").out()).contains("e2e-sim-0", "e2e-sim-2", "Ready");
    assertThat(k.ok("get", "pods", "-n", ns, "-o", "wide").out())
        .contains("Running", "e2e-sim-");

    k.ok("set", "image", "deployment/nginx-deployment", "nginx=nginx:1.16.1", "-n", ns);
    assertThat(k.ok("rollout", "status", "deployment/nginx-deployment", "-n", ns,
        "--timeout=60s").out()).contains("successfully rolled out");
    assertThat(k.ok("get", "deployment", "nginx-deployment", "-n", ns, "-o",
        "jsonpath={.spec.template.spec.containers[0].image} {.status.updatedReplicas}"
            + " {.status.availableReplicas}").out()).isEqualTo("nginx:1.16.1 3 3");

    k.ok("rollout", "undo", "deployment/nginx-deployment", "-n", ns);
    assertThat(k.ok("rollout", "status", "deployment/nginx-deployment", "-n", ns,
        "--timeout=60s").out()).contains("successfully rolled out");
    assertThat(k.ok("get", "deployment", "nginx-deployment", "-n", ns, "-o",
        "jsonpath={.spec.template.spec.containers[0].image}").out()).isEqualTo("nginx:1.14.2");
    // Rolling back to revision 1's template makes it revision 3, as in Kubernetes.
    assertThat(k.ok("rollout", "history", "deployment/nginx-deployment", "-n", ns).out())
        .containsPattern("(?m)^2\\s").containsPattern("(?m)^3\\s").doesNotContainPattern("(?m)^1\\s");
  }
}
