package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The seed's promise, end to end on real processes: a Deployment behind a ClusterIP and a NodePort
 * Service keeps answering every request — each on a new connection — while kubectl rolls it,
 * scales it down and deletes its pods, with no preStop sleep; an unready pod gets no traffic until
 * it is ready again; and kubectl shows services, endpoints and slices as Kubernetes does.
 */
@Execution(ExecutionMode.CONCURRENT)
class ServiceTrafficTest {

  @TempDir
  static Path dataDir;
  private static Cluster cluster;
  private static KubernetesClient client;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    Busybox.path();
    cluster = Cluster.start(dataDir, "traffic", "--node-name", "traffic",
        "--pod-cidr", "127.43.0.0/16", "--service-cidr", "127.112.0.0/16",
        "--node-ip", "127.0.0.43");
    client = cluster.client();
    kubectl = cluster.kubectl();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A web Deployment whose pods answer with their own name, and its two Services. */
  private static String deployWeb(int replicas) throws Exception {
    String ns = cluster.namespace(kubectl);
    String www = dataDir.resolve("www").toString();
    String script = """
        dir=%s/$POD_NAME && mkdir -p $dir && echo $POD_NAME > $dir/index.html && touch $dir/ready
        exec %s httpd -f -p $POD_IP:8080 -h $dir""".formatted(www, Busybox.path());
    kubectl.okWithInput("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: %d
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: web:v1
                command: ["%s", "sh", "-c", %s]
                ports: [{name: http, containerPort: 8080}]
                env:
                - name: POD_NAME
                  valueFrom: {fieldRef: {fieldPath: metadata.name}}
                - name: POD_IP
                  valueFrom: {fieldRef: {fieldPath: status.podIP}}
                readinessProbe:
                  httpGet: {path: /ready, port: http}
                  periodSeconds: 1
                  failureThreshold: 1
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-np}
        spec:
          type: NodePort
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        """.formatted(replicas, Busybox.path(), json(script)), "apply", "-n", ns, "-f", "-");
    rolledOut(ns);
    return ns;
  }

  @Test
  void rolloutScaleDownAndPodDeletionUnderLoadFailNoRequest() throws Exception {
    String ns = deployWeb(3);
    Service web = client.services().inNamespace(ns).withName("web").get();
    Service nodePort = client.services().inNamespace(ns).withName("web-np").get();
    InetSocketAddress clusterIp = new InetSocketAddress(web.getSpec().getClusterIP(), 80);
    InetSocketAddress onNode = new InetSocketAddress(nodeIp(),
        nodePort.getSpec().getPorts().getFirst().getNodePort());

    try (LoadGenerator load = LoadGenerator.start(4, clusterIp, onNode)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> load.requests() > 200);
      Set<String> before = load.takeAnswers().keySet();
      assertThat(hashes(before)).as("one ReplicaSet answers before the rollout").hasSize(1);

      kubectl.ok("set", "image", "deployment/web", "web=web:v2", "-n", ns);
      rolledOut(ns);
      Set<String> during = load.takeAnswers().keySet();
      long afterRollout = load.requests();
      await().atMost(Duration.ofSeconds(20)).until(() -> load.requests() > afterRollout + 200);
      Set<String> after = load.takeAnswers().keySet();
      assertThat(hashes(during)).as("both versions answer during the rollout")
          .containsAll(hashes(before)).hasSize(2);
      assertThat(hashes(after)).as("only the new version after it").hasSize(1)
          .doesNotContainAnyElementsOf(hashes(before));

      kubectl.ok("scale", "deployment/web", "-n", ns, "--replicas=1");
      await().atMost(Duration.ofSeconds(60)).until(() -> pods(ns).size() == 1);
      String survivor = pods(ns).iterator().next();
      long scaled = load.requests();
      await().atMost(Duration.ofSeconds(20)).until(() -> load.requests() > scaled + 200);
      load.takeAnswers();
      long settled = load.requests();
      await().atMost(Duration.ofSeconds(20)).until(() -> load.requests() > settled + 200);
      assertThat(load.takeAnswers().keySet()).containsExactly(survivor);

      kubectl.ok("scale", "deployment/web", "-n", ns, "--replicas=2");
      rolledOut(ns);
      kubectl.ok("delete", "pod", survivor, "-n", ns);
      rolledOut(ns);
      long replaced = load.requests();
      await().atMost(Duration.ofSeconds(20)).until(() -> load.requests() > replaced + 200);

      assertThat(load.failures()).as("failed requests out of %d", load.requests()).isEmpty();
      assertThat(load.requests()).isGreaterThan(2000);
      assertThat(cluster.log()).as("pods stopped only after the proxy let go of them")
          .containsPattern("pod " + ns + "/web-\\S+ drained in \\d+ ms; acknowledged by \\[traffic\\]")
          .doesNotContain("not drained after");
    }
  }

  @Test
  void anUnreadyPodGetsNoTrafficUntilItIsReadyAgain() throws Exception {
    String ns = deployWeb(2);
    Service web = client.services().inNamespace(ns).withName("web").get();
    InetSocketAddress clusterIp = new InetSocketAddress(web.getSpec().getClusterIP(), 80);
    String tired = pods(ns).iterator().next();
    Path ready = dataDir.resolve("www").resolve(tired).resolve("ready");

    try (LoadGenerator load = LoadGenerator.start(2, clusterIp)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> load.requests() > 100);
      assertThat(load.takeAnswers()).containsKey(tired);

      Files.delete(ready);
      long failed = System.nanoTime();
      // The readiness probe runs every second and fails once to count; the kubelet, endpoints
      // controller and proxy then take moments. Batches of answers show when traffic stopped.
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            var batch = load.takeAnswers();
            return !batch.isEmpty() && !batch.containsKey(tired);
          });
      Duration stopped = Duration.ofNanos(System.nanoTime() - failed);
      assertThat(stopped).as("traffic to the unready pod stopped within about a probe period")
          .isLessThan(Duration.ofMillis(2500));
      assertThat(isReady(ns, tired)).isFalse();
      long unready = load.requests();
      await().atMost(Duration.ofSeconds(20)).until(() -> load.requests() > unready + 200);
      assertThat(load.takeAnswers()).as("the unready pod gets nothing").doesNotContainKey(tired);

      Files.createFile(ready);
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(load.takeAnswers()).as("traffic returns").containsKey(tired));
      assertThat(load.failures()).isEmpty();
    }
  }

  @Test
  void kubectlShowsServicesEndpointsAndSlices() throws Exception {
    String ns = deployWeb(2);
    Service web = client.services().inNamespace(ns).withName("web").get();
    int nodePort = client.services().inNamespace(ns).withName("web-np").get().getSpec()
        .getPorts().getFirst().getNodePort();
    Set<String> ips = client.pods().inNamespace(ns).list().getItems().stream()
        .map(p -> p.getStatus().getPodIP()).collect(Collectors.toSet());

    String services = kubectl.ok("get", "svc", "-n", ns).out();
    assertThat(services).containsPattern("(?m)^NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+"
            + "PORT\\(S\\)\\s+AGE$")
        .containsPattern("(?m)^web\\s+ClusterIP\\s+" + web.getSpec().getClusterIP().replace(".",
            "\\.") + "\\s+<none>\\s+80/TCP\\s")
        .containsPattern("(?m)^web-np\\s+NodePort\\s+127\\.112\\.\\S+\\s+<none>\\s+80:" + nodePort
            + "/TCP\\s");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      String endpoints = kubectl.ok("get", "endpoints", "web", "-n", ns).out();
      for (String ip : ips) {
        assertThat(endpoints).contains(ip + ":8080");
      }
    });
    assertThat(kubectl.ok("get", "endpointslices", "-n", ns).out())
        .containsPattern("(?m)^NAME\\s+ADDRESSTYPE\\s+PORTS\\s+ENDPOINTS\\s+AGE$")
        .containsPattern("(?m)^web-\\S+\\s+IPv4\\s+8080\\s+127\\.43\\.");
  }

  private static void rolledOut(String ns) throws Exception {
    assertThat(kubectl.ok("rollout", "status", "deployment/web", "-n", ns, "--timeout=120s")
        .out()).contains("successfully rolled out");
  }

  private static String nodeIp() {
    return client.nodes().withName("traffic").get().getStatus().getAddresses().stream()
        .filter(a -> a.getType().equals("InternalIP")).findFirst().orElseThrow().getAddress();
  }

  /** Names of the pods that are not being deleted. */
  private static Set<String> pods(String ns) {
    return client.pods().inNamespace(ns).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
  }

  private static boolean isReady(String ns, String name) {
    Pod pod = client.pods().inNamespace(ns).withName(name).get();
    return pod.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  /** The pod-template-hashes in pod names {@code web-<hash>-<suffix>}. */
  private static Set<String> hashes(Set<String> podNames) {
    return podNames.stream().map(n -> n.substring(0, n.lastIndexOf('-')))
        .collect(Collectors.toSet());
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
