package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.containerd.ContainerdFixture;
import io.capstan.runtime.containerd.OciImageWriter;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pods as real containers: {@code capstan server --runtime containerd} on a private containerd,
 * with the pod network, the service range and the pause image set up by Capstan itself. Images
 * built here from a static busybox are imported with {@code capstan image import}; a Deployment of
 * a {@code busybox httpd} image serves its ConfigMap (environment, arguments, files) behind a
 * Service, which pods reach too; {@code kubectl logs} reads the container's log; a rolling update
 * to a second image fails no request sent from the node to the ClusterIP; a killed container
 * restarts; a missing image waits in ImagePullBackOff; and a SIGKILLed server, started again,
 * adopts the running containers without restarting them. The cases build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerdPodsTest {

  @RegisterExtension
  static final ContainerdFixture CONTAINERD = ContainerdFixture.forCapstan();

  private static final String NS = "default";

  @TempDir
  static Path dataDir;
  private static Cluster cluster;
  private static KubernetesClient client;
  private static Kubectl kubectl;
  private static String clusterIp;

  @BeforeAll
  static void start() throws Exception {
    Path busybox = Path.of(Busybox.path());
    List<String> applets = Stream.concat(OciImageWriter.DEFAULT_APPLETS.stream(),
        Stream.of("httpd")).toList();
    OciImageWriter writer = new OciImageWriter(busybox, applets);
    List<String> tarballs = new ArrayList<>();
    for (String version : List.of("v1", "v2")) {
      Path tarball = dataDir.resolve("web-" + version + ".tar");
      writer.write("capstan.local/web:" + version, new OciImageWriter.ImageConfig(List.of(),
          List.of("/bin/sh"), List.of("PATH=/bin", "VERSION=" + version)), tarball);
      tarballs.add(tarball.toString());
    }
    List<String> command = new ArrayList<>(List.of(CapstanProcess.java(), "-jar",
        CapstanProcess.jar(), "image", "import", "--container-runtime-endpoint", endpoint()));
    command.addAll(tarballs);
    Process importer = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(importer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(importer.waitFor()).as("capstan image import: %s", output).isZero();

    // Ranges of their own, so concurrent runs on one machine do not share routes.
    int n = ThreadLocalRandom.current().nextInt(16, 250);
    cluster = Cluster.start(dataDir, "ctrd", "--runtime", "containerd",
        "--container-runtime-endpoint", endpoint(), "--node-name", "ctrd",
        "--cni-conf-dir", CONTAINERD.cniConfDir().toString(),
        "--cni-bridge", CONTAINERD.bridge(), "--service-interface", CONTAINERD.serviceInterface(),
        "--pod-cidr", "10.77." + n + ".0/24", "--service-cidr", "10.78." + n + ".0/24");
    client = cluster.client();
    kubectl = cluster.kubectl();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (client != null && cluster != null && client != cluster.client()) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String endpoint() {
    return "unix://" + CONTAINERD.socket();
  }

  @Test
  @Order(1)
  void deploymentServesItsConfigMapBehindAService() throws Exception {
    String script = """
        mkdir -p /www && echo "$VERSION $POD_NAME" > /www/index.html
        echo "$GREETING" > /www/env && echo "$1" > /www/arg && cp /config/greeting /www/file
        echo "serving $VERSION on $POD_IP"
        exec httpd -f -p 8080 -h /www""";
    kubectl.okWithInput("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web-config}
        data: {greeting: hello-from-config}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          strategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: 5
              containers:
              - name: web
                image: capstan.local/web:v1
                command: ["/bin/sh", "-c", %s, "sh"]
                args: ["$(GREETING)"]
                ports: [{name: http, containerPort: 8080}]
                env:
                - name: GREETING
                  valueFrom: {configMapKeyRef: {name: web-config, key: greeting}}
                - name: POD_NAME
                  valueFrom: {fieldRef: {fieldPath: metadata.name}}
                - name: POD_IP
                  valueFrom: {fieldRef: {fieldPath: status.podIP}}
                volumeMounts: [{name: config, mountPath: /config}]
                readinessProbe:
                  httpGet: {path: /file, port: http}
                  periodSeconds: 1
                  failureThreshold: 1
                livenessProbe:
                  exec: {command: ["test", "-f", "/www/env"]}
                  initialDelaySeconds: 2
                  periodSeconds: 2
                lifecycle:
                  postStart:
                    exec: {command: ["sh", "-c", "mkdir -p /www && echo hooked > /www/hook"]}
              volumes:
              - name: config
                configMap: {name: web-config}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        """.formatted(json(script)), "apply", "-n", NS, "-f", "-");
    rolledOut();
    assertThat(kubectl.ok("get", "deployment", "web", "-n", NS, "-o",
        "jsonpath={.status.conditions[?(@.type=='Available')].status}").out()).isEqualTo("True");
    clusterIp = client.services().inNamespace(NS).withName("web").get().getSpec().getClusterIP();
    assertThat(clusterIp).startsWith("10.78.");

    for (Pod pod : pods()) {
      assertThat(pod.getStatus().getPodIP()).as("an address on the pod bridge")
          .startsWith("10.77.");
      assertThat(pod.getStatus().getContainerStatuses().getFirst().getContainerID())
          .startsWith("containerd://");
    }
    assertThat(get("/env")).isEqualTo("hello-from-config");
    assertThat(get("/arg")).isEqualTo("hello-from-config");
    assertThat(get("/file")).isEqualTo("hello-from-config");
    assertThat(get("/hook")).as("written by the postStart exec hook").isEqualTo("hooked");
    assertThat(get("/")).startsWith("v1 web-");

    Pod first = pods().getFirst();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        kubectl.ok("logs", first.getMetadata().getName(), "-n", NS).out())
        .contains("serving v1 on " + first.getStatus().getPodIP()));
  }

  @Test
  @Order(2)
  void podsReachTheClusterIp() throws Exception {
    kubectl.okWithInput("""
        apiVersion: v1
        kind: Pod
        metadata: {name: caller}
        spec:
          restartPolicy: Never
          containers:
          - name: wget
            image: capstan.local/web:v1
            command: ["wget", "-q", "-O", "-", "http://%s/env"]
        """.formatted(clusterIp), "apply", "-n", NS, "-f", "-");
    await().atMost(Duration.ofSeconds(60)).until(() -> "Succeeded".equals(
        client.pods().inNamespace(NS).withName("caller").get().getStatus().getPhase()));
    assertThat(kubectl.ok("logs", "caller", "-n", NS).out()).contains("hello-from-config");
    kubectl.ok("delete", "pod", "caller", "-n", NS, "--wait=true");
  }

  @Test
  @Order(3)
  void rollingUpdateToASecondImageFailsNoRequest() throws Exception {
    try (LoadGenerator load = LoadGenerator.start(2, new InetSocketAddress(clusterIp, 80))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> load.requests() > 20);
      kubectl.ok("set", "image", "deployment/web", "web=capstan.local/web:v2", "-n", NS);
      rolledOut();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        Map<String, Long> answers = load.takeAnswers();
        return !answers.isEmpty()
            && answers.keySet().stream().allMatch(body -> body.startsWith("v2 "));
      });
      load.close();
      assertThat(load.failures()).as("failed requests out of %d", load.requests()).isEmpty();
    }
    assertThat(pods()).allSatisfy(pod -> assertThat(
        pod.getSpec().getContainers().getFirst().getImage()).isEqualTo("capstan.local/web:v2"));
  }

  @Test
  @Order(4)
  void killedContainerProcessRestarts() throws Exception {
    Pod pod = pods().getFirst();
    String name = pod.getMetadata().getName();
    ContainerStatus before = pod.getStatus().getContainerStatuses().getFirst();
    String id = before.getContainerID().substring("containerd://".length());
    Process kill = new ProcessBuilder("ctr", "--address", CONTAINERD.socket().toString(),
        "-n", "k8s.io", "tasks", "kill", "-s", "SIGKILL", id).redirectErrorStream(true).start();
    String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kill.waitFor()).as("ctr tasks kill: %s", output).isZero();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      ContainerStatus after = client.pods().inNamespace(NS).withName(name).get().getStatus()
          .getContainerStatuses().getFirst();
      assertThat(after.getRestartCount()).isEqualTo(before.getRestartCount() + 1);
      assertThat(after.getReady()).isTrue();
      assertThat(after.getLastState().getTerminated().getExitCode()).isEqualTo(137);
    });
    rolledOut();
  }

  @Test
  @Order(5)
  void missingImageWaitsInImagePullBackOff() throws Exception {
    kubectl.okWithInput("""
        apiVersion: v1
        kind: Pod
        metadata: {name: absent}
        spec:
          containers:
          - name: app
            image: capstan.local/absent:v1
        """, "apply", "-n", NS, "-f", "-");
    // ErrImagePull shows only until the next sync, which finds the pull backing off (as with
    // the kubelet); the failed pull itself stays in the events.
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
      var waiting = client.pods().inNamespace(NS).withName("absent").get().getStatus()
          .getContainerStatuses().getFirst().getState().getWaiting();
      assertThat(waiting.getReason()).isEqualTo("ImagePullBackOff");
      assertThat(waiting.getMessage())
          .isEqualTo("Back-off pulling image \"capstan.local/absent:v1\"");
      List<String> events = client.v1().events().inNamespace(NS).list().getItems().stream()
          .filter(e -> e.getInvolvedObject().getName().equals("absent"))
          .map(e -> e.getReason() + ": " + e.getMessage()).toList();
      assertThat(events).contains("Pulling: Pulling image \"capstan.local/absent:v1\"",
          "Failed: Error: ErrImagePull");
      assertThat(events).anyMatch(e -> e.startsWith(
          "Failed: Failed to pull image \"capstan.local/absent:v1\": "));
    });
    kubectl.ok("delete", "pod", "absent", "-n", NS, "--wait=true");
  }

  @Test
  @Order(6)
  void restartedServerAdoptsRunningContainers() throws Exception {
    Map<String, String> before = containerIds();
    Map<String, Integer> restarts = restartCounts();
    cluster.capstan().kill();
    cluster.capstan().launch();
    // The server listens on a new port: a client of the new kubeconfig (kubectl reads it anew).
    client = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
        .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(
            java.nio.file.Files.readString(cluster.capstan().kubeconfig()))).build();
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      assertThat(containerIds()).isEqualTo(before);
      assertThat(restartCounts()).isEqualTo(restarts);
      assertThat(pods()).allSatisfy(pod -> assertThat(pod.getStatus().getConditions())
          .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
    });
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .untilAsserted(() -> assertThat(get("/")).startsWith("v2 web-"));
    assertThat(containerIds()).isEqualTo(before);
  }

  private static List<Pod> pods() {
    return client.pods().inNamespace(NS).withLabel("app", "web").list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  private static Map<String, String> containerIds() {
    return pods().stream().collect(Collectors.toMap(p -> p.getMetadata().getName(),
        p -> p.getStatus().getContainerStatuses().getFirst().getContainerID()));
  }

  private static Map<String, Integer> restartCounts() {
    return pods().stream().collect(Collectors.toMap(p -> p.getMetadata().getName(),
        p -> p.getStatus().getContainerStatuses().getFirst().getRestartCount()));
  }

  /** GET through the Service's ClusterIP, from this node. */
  private static String get(String path) throws Exception {
    try (var http = java.net.http.HttpClient.newHttpClient()) {
      var response = http.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://" + clusterIp + path)).timeout(Duration.ofSeconds(10))
          .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
      return response.body().strip();
    }
  }

  private static void rolledOut() throws Exception {
    assertThat(kubectl.ok("rollout", "status", "deployment/web", "-n", NS, "--timeout=180s")
        .out()).contains("successfully rolled out");
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
