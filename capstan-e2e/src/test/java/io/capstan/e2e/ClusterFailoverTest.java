package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capstan.store.etcd.EtcdProcess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-machine setup on one machine: a three-member etcd cluster, two {@code capstan server
 * --disable-agent} on it and two {@code capstan agent}s (process runtime) listing both servers.
 * One cluster serves the scenarios in order: it keeps serving with an etcd member down, a rollout
 * completes although the leading server is killed in the middle of it, {@code kubectl drain}
 * empties a node without one failed request to the Service, and a killed agent's pods come back on
 * the other node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverTest {

  private static final String NS = "failover";
  private static final List<String> NODES = List.of("failover-1", "failover-2");
  private static final int REPLICAS = 4;
  /** Agents renew their Lease every 10 s: the grace period must leave room for one late renewal. */
  private static final Duration GRACE = Duration.ofSeconds(15);
  private static final int TOLERATION_SECONDS = 4;

  @TempDir
  static Path dir;
  private static List<EtcdProcess> etcd = List.of();
  private static final List<CapstanProcess> servers = new ArrayList<>();
  private static final List<KubernetesClient> clients = new ArrayList<>();
  private static final List<AgentProcess> agents = new ArrayList<>();
  /** The server left after the leader was killed; the first one until then. */
  private static int survivor;

  @BeforeAll
  static void start() throws Exception {
    Busybox.path();
    Optional<Path> binary = EtcdProcess.findBinary();
    assumeTrue(binary.isPresent(), "no etcd on the PATH (Debian: apt-get install etcd-server)");
    etcd = EtcdProcess.startCluster(binary.get(), dir.resolve("etcd"), 3);
    for (String name : List.of("server-a", "server-b")) {
      CapstanProcess server = CapstanProcess.start(Files.createDirectories(dir.resolve(name)),
          "--datastore-endpoint", EtcdProcess.endpoints(etcd), "--disable-agent",
          "--pod-cidr", "127.48.0.0/16", "--service-cidr", "127.113.0.0/16",
          "--leader-elect-lease-duration", "4s", "--leader-elect-renew-deadline", "3s",
          "--leader-elect-retry-period", "1s",
          "--node-monitor-grace-period", GRACE.toSeconds() + "s",
          "--default-not-ready-toleration-seconds", String.valueOf(TOLERATION_SECONDS),
          "--default-unreachable-toleration-seconds", String.valueOf(TOLERATION_SECONDS));
      servers.add(server);
      clients.add(new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(server.kubeconfig()))).build());
    }
    for (String node : NODES) {
      agents.add(AgentProcess.start(servers, dir.resolve(node), node));
    }
    for (String node : NODES) {
      awaitReady(node);
    }
    kubectl(0).ok("create", "namespace", NS);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AgentProcess agent : agents) {
      agent.close();
    }
    for (KubernetesClient client : clients) {
      client.close();
    }
    for (CapstanProcess server : servers) {
      server.close();
    }
    etcd.forEach(EtcdProcess::close);
    // Every pod's command line carries the test's directory: none may outlive its node.
    assertThat(ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(marker())).toList())
        .as("pod processes left behind").isEmpty();
  }

  @Test
  @Order(1)
  void bothServersServeReadsAndWritesWithAnEtcdMemberDown() throws Exception {
    // The servers' etcd clients use the first member they reach: the first one listed.
    EtcdProcess down = etcd.getFirst();
    down.kill();
    try {
      for (int i = 0; i < 2; i++) {
        clients.get(i).configMaps().inNamespace(NS).resource(configMap("via-" + i)).create();
        ConfigMap read = clients.get(1 - i).configMaps().inNamespace(NS).withName("via-" + i)
            .get();
        assertThat(read.getData()).containsEntry("written-through", "server " + i);
      }
      kubectl(1).okWithInput(webManifests(2), "apply", "-n", NS, "-f", "-");
      rolledOut(kubectl(0));
      kubectl(0).ok("scale", "deployment/web", "-n", NS, "--replicas=" + REPLICAS);
      rolledOut(kubectl(1));
      assertThat(deployment(0).getStatus().getReadyReplicas()).isEqualTo(REPLICAS);
    } finally {
      down.start();
    }
  }

  @Test
  @Order(2)
  void aRolloutCompletesAlthoughTheLeadingServerIsKilledInTheMiddle() throws Exception {
    Map<String, Integer> byIdentity = Map.of(servers.get(0).leaderIdentity(), 0,
        servers.get(1).leaderIdentity(), 1);
    String holder = await().atMost(Duration.ofSeconds(30))
        .until(() -> holder(0), h -> h.isPresent() && byIdentity.containsKey(h.get()))
        .orElseThrow();
    int leader = byIdentity.get(holder);
    survivor = 1 - leader;

    kubectl(survivor).ok("set", "image", "deployment/web", "web=web:v2", "-n", NS);
    // Killed once the new ReplicaSet has pods and before they all are.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> updatedReplicas(survivor), n -> n >= 1 && n < REPLICAS);
    servers.get(leader).kill();

    rolledOut(kubectl(survivor));
    assertThat(holder(survivor)).contains(servers.get(survivor).leaderIdentity());
    Deployment web = deployment(survivor);
    assertThat(web.getStatus().getUpdatedReplicas()).isEqualTo(REPLICAS);
    assertThat(web.getStatus().getAvailableReplicas()).isEqualTo(REPLICAS);
    assertThat(livePods().stream().map(p -> p.getSpec().getContainers().getFirst().getImage()))
        .hasSize(REPLICAS).containsOnly("web:v2");
  }

  @Test
  @Order(3)
  void aDrainedNodeEndsEmptyWithoutAFailedRequest() throws Exception {
    String clusterIp = clients.get(survivor).services().inNamespace(NS).withName("web").get()
        .getSpec().getClusterIP();
    String busiest = podsByNode().entrySet().stream().max(Map.Entry.comparingByValue())
        .orElseThrow().getKey();
    try (LoadGenerator load = LoadGenerator.start(4, new InetSocketAddress(clusterIp, 80))) {
      await().atMost(Duration.ofSeconds(20)).until(() -> load.requests() > 200);

      kubectl(survivor).ok("drain", busiest, "--ignore-daemonsets", "--timeout=90s");
      await().atMost(Duration.ofSeconds(30)).until(() -> podsOn(busiest).isEmpty()
          && deployment(survivor).getStatus().getAvailableReplicas() == REPLICAS);
      long drained = load.requests();
      await().atMost(Duration.ofSeconds(20)).until(() -> load.requests() > drained + 200);

      assertThat(load.failures()).as("failed requests out of %d", load.requests()).isEmpty();
    }
    assertThat(node(busiest).getSpec().getUnschedulable()).isTrue();
    assertThat(podsByNode()).containsOnlyKeys(otherNode(busiest));
  }

  @Test
  @Order(4)
  void aKilledAgentsPodsAreReplacedOnTheOtherNode() throws Exception {
    String full = podsByNode().keySet().iterator().next();
    String spare = otherNode(full);
    kubectl(survivor).ok("uncordon", spare);
    AgentProcess victim = agents.get(NODES.indexOf(full));

    victim.kill();
    await().atMost(GRACE.plusSeconds(20)).until(() -> ready(node(full)).equals("Unknown")
        && taints(node(full)).contains("node.kubernetes.io/unreachable:NoExecute"));
    assertThat(kubectl(survivor).ok("get", "node", full, "--no-headers").out())
        .contains("NotReady");
    await().atMost(Duration.ofSeconds(TOLERATION_SECONDS + 40)).until(() ->
        podsByNode().equals(Map.of(spare, (long) REPLICAS))
            && deployment(survivor).getStatus().getAvailableReplicas() == REPLICAS);
    assertThat(podsOn(full)).isNotEmpty().allSatisfy(p -> assertThat(p.getStatus()
        .getConditions()).anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus() + "/"
        + c.getReason()).isEqualTo("DisruptionTarget=True/DeletionByTaintManager")));

    // Back, the agent is untainted and finishes the pods deleted while it was away.
    victim.launch();
    awaitReady(full);
    await().atMost(Duration.ofSeconds(60)).until(() -> taints(node(full)).isEmpty()
        && podsOn(full).isEmpty());
  }

  private static String webManifests(int replicas) {
    String www = dir.resolve("www").toString();
    String script = """
        dir=%s/$POD_NAME && mkdir -p $dir && echo $POD_NAME > $dir/index.html && touch $dir/ready
        exec %s httpd -f -p $POD_IP:8080 -h $dir""".formatted(www, Busybox.path());
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: %d
          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: web:v1
                command: ["%s", "sh", "-c", %s, "%s"]
                ports: [{name: http, containerPort: 8080}]
                env:
                - name: POD_NAME
                  valueFrom: {fieldRef: {fieldPath: metadata.name}}
                - name: POD_IP
                  valueFrom: {fieldRef: {fieldPath: status.podIP}}
                readinessProbe:
                  httpGet: {path: /ready, port: http}
                  initialDelaySeconds: 1
                  periodSeconds: 1
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: web}
        spec:
          minAvailable: %d
          selector: {matchLabels: {app: web}}
        """.formatted(replicas, Busybox.path(), json(script), marker(), REPLICAS - 1);
  }

  private static Kubectl kubectl(int server) {
    return Kubectl.onThisMachine().getFirst().withKubeconfig(servers.get(server).kubeconfig());
  }

  private static void rolledOut(Kubectl k) throws Exception {
    assertThat(k.ok("rollout", "status", "deployment/web", "-n", NS, "--timeout=120s").out())
        .contains("successfully rolled out");
  }

  private static Deployment deployment(int server) {
    return clients.get(server).apps().deployments().inNamespace(NS).withName("web").get();
  }

  private static int updatedReplicas(int server) {
    Integer updated = deployment(server).getStatus().getUpdatedReplicas();
    return updated == null ? 0 : updated;
  }

  private static Optional<String> holder(int server) {
    Lease lease = clients.get(server).leases().inNamespace("kube-system")
        .withName("kube-controller-manager").get();
    return lease == null ? Optional.empty()
        : Optional.ofNullable(lease.getSpec().getHolderIdentity());
  }

  /** Pods not being deleted. */
  private static List<Pod> livePods() {
    return clients.get(survivor).pods().inNamespace(NS).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  /** Live, scheduled pods by node. */
  private static Map<String, Long> podsByNode() {
    return livePods().stream().filter(p -> p.getSpec().getNodeName() != null)
        .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
  }

  /** Every pod bound to {@code node}, terminating ones included. */
  private static List<Pod> podsOn(String node) {
    return clients.get(survivor).pods().inNamespace(NS).list().getItems().stream()
        .filter(p -> node.equals(p.getSpec().getNodeName())).toList();
  }

  private static String otherNode(String node) {
    return NODES.get(1 - NODES.indexOf(node));
  }

  private static void awaitReady(String name) {
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
      Node node = node(name);
      return node != null && ready(node).equals("True") && node.getSpec().getPodCIDR() != null;
    });
  }

  private static Node node(String name) {
    return clients.get(survivor).nodes().withName(name).get();
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

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .withData(Map.of("written-through", "server " + name.substring(name.length() - 1)))
        .build();
  }

  private static String marker() {
    return "e2e-marker=" + dir.getFileName();
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
