package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server and a {@code capstan agent} on this machine, both running pods as processes: the agent
 * joins with the node token, gets a pod range of its own and runs what the scheduler sends it;
 * killed with SIGKILL, its node turns Unknown and tainted within the (shortened) grace period and
 * its pods are replaced on the server's node once their (shortened) toleration runs out; started
 * again, it is untainted and clears away what it left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentNodesTest {

  private static final String SERVER_NODE = "agents-srv";
  private static final String AGENT_NODE = "agents-ag";
  private static final Duration GRACE = Duration.ofSeconds(15);
  private static final int TOLERATION_SECONDS = 5;

  @TempDir
  static Path dir;
  private static Cluster cluster;
  private static AgentProcess agent;
  private static KubernetesClient client;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    Busybox.path();
    java.nio.file.Files.createDirectories(dir.resolve("server"));
    cluster = Cluster.start(dir.resolve("server"), "agents", "--node-name", SERVER_NODE,
        "--pod-cidr", "127.47.0.0/16", "--service-cidr", "127.106.0.0/16",
        "--node-monitor-grace-period", GRACE.toSeconds() + "s",
        "--default-not-ready-toleration-seconds", String.valueOf(TOLERATION_SECONDS),
        "--default-unreachable-toleration-seconds", String.valueOf(TOLERATION_SECONDS));
    agent = AgentProcess.start(cluster.capstan(), dir.resolve("agent"), AGENT_NODE);
    client = cluster.client();
    kubectl = cluster.kubectl();
    awaitReady(AGENT_NODE);
  }

  @AfterAll
  static void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    // Every pod's command line carries the test's directory: none may outlive its node.
    assertThat(ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(marker())).toList())
        .as("pod processes left behind").isEmpty();
  }

  @Test
  @Order(1)
  void theAgentsNodeHasItsOwnPodRangeAndRunsPods() throws Exception {
    String nodes = kubectl.ok("get", "nodes", "--no-headers",
        "-o", "custom-columns=NAME:.metadata.name,CIDR:.spec.podCIDR").out();
    assertThat(nodes.lines().map(String::strip).toList()).containsExactlyInAnyOrder(
        SERVER_NODE + "   127.47.0.0/24", AGENT_NODE + "    127.47.1.0/24");

    String ns = cluster.namespace(kubectl);
    kubectl.okWithInput("""
        apiVersion: v1
        kind: Pod
        metadata: {name: hello}
        spec:
          nodeSelector: {kubernetes.io/hostname: %s}
          containers:
          - name: hello
            image: busybox
            command: %s
        """.formatted(AGENT_NODE, shell("echo hello from the agent; exec %s sleep 600"
            .formatted(Busybox.path()))), "apply", "-n", ns, "-f", "-");
    kubectl.ok("wait", "-n", ns, "--for=condition=Ready", "pod/hello", "--timeout=60s");
    Pod pod = client.pods().inNamespace(ns).withName("hello").get();
    assertThat(pod.getSpec().getNodeName()).isEqualTo(AGENT_NODE);
    assertThat(pod.getStatus().getPodIP()).startsWith("127.47.1.");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
        kubectl.ok("logs", "-n", ns, "hello").out()).isEqualTo("hello from the agent\n"));
    kubectl.ok("delete", "-n", ns, "pod", "hello", "--wait=true");
  }

  @Test
  @Order(2)
  void aKilledAgentsPodsAreReplacedOnTheRemainingNodeAndItIsUntaintedWhenItReturns()
      throws Exception {
    String ns = cluster.namespace(kubectl);
    kubectl.okWithInput("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 4
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: busybox
                command: %s
        """.formatted(shell("exec %s sleep 600".formatted(Busybox.path()))),
        "apply", "-n", ns, "-f", "-");
    kubectl.ok("rollout", "status", "-n", ns, "deployment/web", "--timeout=90s");
    assertThat(podsByNode(ns)).containsKeys(SERVER_NODE, AGENT_NODE);

    agent.kill();
    long killed = System.nanoTime();
    await().atMost(GRACE.plusSeconds(30)).until(() -> ready(node(AGENT_NODE)).equals("Unknown")
        && taints(node(AGENT_NODE)).contains("node.kubernetes.io/unreachable:NoExecute"));
    assertThat(Duration.ofNanos(System.nanoTime() - killed)).isGreaterThan(GRACE.minusSeconds(11));
    assertThat(kubectl.ok("get", "node", AGENT_NODE, "--no-headers").out()).contains("NotReady");

    // Within the toleration the pods are deleted and replaced: four live pods, all on the server.
    await().atMost(Duration.ofSeconds(TOLERATION_SECONDS + 40)).until(() ->
        podsByNode(ns).equals(Map.of(SERVER_NODE, 4L))
            && client.apps().deployments().inNamespace(ns).withName("web").get().getStatus()
                .getAvailableReplicas() == 4);
    assertThat(client.pods().inNamespace(ns).list().getItems().stream()
        .filter(p -> AGENT_NODE.equals(p.getSpec().getNodeName())).toList())
        .allSatisfy(p -> {
          assertThat(p.getMetadata().getDeletionTimestamp()).isNotNull();
          assertThat(p.getStatus().getConditions()).anySatisfy(c -> assertThat(c.getType() + "="
              + c.getStatus() + "/" + c.getReason())
              .isEqualTo("DisruptionTarget=True/DeletionByTaintManager"));
        });

    agent.launch();
    awaitReady(AGENT_NODE);
    await().atMost(Duration.ofSeconds(60)).until(() -> taints(node(AGENT_NODE)).isEmpty()
        && client.pods().inNamespace(ns).list().getItems().stream()
            .noneMatch(p -> AGENT_NODE.equals(p.getSpec().getNodeName())));
  }

  /** Live (not terminating) pods of {@code ns} by node. */
  private static Map<String, Long> podsByNode(String ns) {
    return client.pods().inNamespace(ns).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null
            && p.getSpec().getNodeName() != null)
        .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
  }

  private static void awaitReady(String name) {
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
      Node node = node(name);
      return node != null && ready(node).equals("True")
          && node.getSpec().getPodCIDR() != null;
    });
  }

  private static Node node(String name) {
    return client.nodes().withName(name).get();
  }

  private static String ready(Node node) {
    return node.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready"))
        .map(c -> c.getStatus()).findFirst().orElse("");
  }

  private static List<String> taints(Node node) {
    List<Taint> taints = node.getSpec().getTaints();
    return taints == null ? List.of()
        : taints.stream().map(t -> t.getKey() + ":" + t.getEffect()).toList();
  }

  private static String marker() {
    return "e2e-marker=" + dir.getFileName();
  }

  /** A busybox shell command line as a YAML flow list, marked as this suite's. */
  private static String shell(String script) {
    return "[\"" + Busybox.path() + "\", \"sh\", \"-c\", \"" + script.replace("\"", "\\\"")
        + "\", \"" + marker() + "\"]";
  }
}
