package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Pods as real processes: {@code ./capstan server} on its default process runtime, driven by the
 * real kubectl, running busybox. The seed's ConfigMap reaches containers as environment, arguments
 * and files; killed containers and failing liveness probes restart; readiness gates availability;
 * {@code kubectl logs} reads and follows; deletion runs preStop and honours the grace period; and
 * stopping the server leaves no process behind.
 */
@Execution(ExecutionMode.CONCURRENT)
class ProcessPodsTest {

  @TempDir
  static Path dataDir;
  private static Cluster cluster;
  private static KubernetesClient client;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    Busybox.path();
    cluster = Cluster.start(dataDir, "procs", "--node-name", "procs",
        "--pod-cidr", "127.41.0.0/16");
    client = cluster.client();
    kubectl = cluster.kubectl();
  }

  @AfterAll
  static void stopLeavesNoProcesses() throws Exception {
    if (cluster != null) {
      cluster.close();
      // Every pod's command line carries the data dir (see marker()), so any survivor shows.
      assertThat(ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().orElse("").contains(marker()))
          .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList())
          .as("processes left after the server stopped").isEmpty();
    }
  }

  /** A string every pod of this suite has on its command line. */
  private static String marker() {
    return "e2e-marker=" + dataDir.getFileName();
  }

  private static String namespace() throws Exception {
    return cluster.namespace(kubectl);
  }

  /** A busybox shell command line as a YAML flow list, marked as this suite's. */
  private static String shell(String script, String... args) {
    StringBuilder yaml = new StringBuilder("[\"" + Busybox.path() + "\", \"sh\", \"-c\", "
        + json(script) + ", \"" + marker() + "\"");
    for (String arg : args) {
      yaml.append(", ").append(json(arg));
    }
    return yaml.append(']').toString();
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  @Test
  void configMapReachesEnvArgsAndFilesAndEditsReachOnlyFiles() throws Exception {
    String ns = namespace();
    kubectl.okWithInput(Kubectl.seed("configmap.yaml").replace("  namespace: default\n", ""),
        "apply", "-n", ns, "-f", "-");
    String script = """
        echo "arg=$1 env=$DB_URL user=$CFG_DB_USER pass=$DB_PASS"
        last=""
        while true; do
          f=$(cat /etc/capstan-e2e/config/DB_URL)
          if [ "$f" != "$last" ]; then echo "file=$f env=$DB_URL"; last="$f"; fi
          %s sleep 0.2
        done""".formatted(Busybox.path());
    kubectl.okWithInput("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          replicas: 1
          selector: {matchLabels: {app: app}}
          template:
            metadata: {labels: {app: app}}
            spec:
              containers:
              - name: app
                image: busybox
                command: %s
                env:
                - name: DB_URL
                  valueFrom: {configMapKeyRef: {name: config-dev, key: DB_URL}}
                - name: DB_PASS
                  valueFrom: {configMapKeyRef: {name: config-dev, key: DB_PASS}}
                envFrom:
                - prefix: CFG_
                  configMapRef: {name: config-dev}
                volumeMounts:
                - {name: config, mountPath: /etc/capstan-e2e/config}
              volumes:
              - name: config
                configMap: {name: config-dev}
        """.formatted(shell(script, "$(DB_URL)")), "apply", "-n", ns, "-f", "-");
    rolledOut(ns, "app");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(kubectl.ok("logs", "deployment/app", "-n", ns).out())
            .contains("arg=localhost env=localhost user=myuser pass=mypass")
            .contains("file=localhost env=localhost"));

    kubectl.ok("patch", "configmap", "config-dev", "-n", ns, "-p",
        "{\"data\":{\"DB_URL\":\"db.example\"}}");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(kubectl.ok("logs", "deployment/app", "-n", ns).out())
            .as("the file changes, the environment does not")
            .contains("file=db.example env=localhost"));

    kubectl.ok("rollout", "restart", "deployment/app", "-n", ns);
    rolledOut(ns, "app");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(kubectl.ok("logs", "deployment/app", "-n", ns).out())
            .contains("arg=db.example env=db.example"));
  }

  @Test
  void killedContainersAndFailingLivenessRestartWhileReadinessOnlyUnreadies() throws Exception {
    String ns = namespace();
    String bb = Busybox.path();
    // Serves /www; healthz disappears after 2 s in the "sick" pod, ready in the "tired" pod.
    String script = """
        mkdir -p /tmp/$HOSTNAME-www && cd /tmp/$HOSTNAME-www && touch healthz ready
        %1$s httpd -f -p $POD_IP:8080 -h . &
        echo "serving on $POD_IP"
        %1$s sleep 2
        [ -n "$DROP" ] && rm -f "$DROP"
        wait""".formatted(bb);
    for (String[] pod : List.of(new String[] {"sick", "healthz"},
        new String[] {"tired", "ready"}, new String[] {"victim", ""})) {
      kubectl.okWithInput("""
          apiVersion: v1
          kind: Pod
          metadata: {name: %s}
          spec:
            containers:
            - name: web
              image: busybox
              command: %s
              env:
              - {name: DROP, value: "%s"}
              - name: POD_IP
                valueFrom: {fieldRef: {fieldPath: status.podIP}}
              livenessProbe:
                httpGet: {path: /healthz, port: 8080}
                initialDelaySeconds: 1
                periodSeconds: 1
                failureThreshold: 1
              readinessProbe:
                httpGet: {path: /ready, port: 8080}
                periodSeconds: 1
                failureThreshold: 1
          """.formatted(pod[0], shell(script), pod[1]), "apply", "-n", ns, "-f", "-");
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(restarts(ns, "sick")).as("liveness failure restarts").isGreaterThanOrEqualTo(1);
      assertThat(ready(ns, "tired")).isFalse();
      assertThat(phase(ns, "tired")).isEqualTo("Running");
    });
    assertThat(restarts(ns, "tired")).as("readiness failure does not restart").isZero();

    await().atMost(Duration.ofSeconds(20)).until(() -> ready(ns, "victim"));
    String ip = client.pods().inNamespace(ns).withName("victim").get().getStatus().getPodIP();
    killContainerOf("victim");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      Pod victim = client.pods().inNamespace(ns).withName("victim").get();
      assertThat(victim.getStatus().getContainerStatuses().getFirst().getRestartCount())
          .isEqualTo(1);
      assertThat(victim.getStatus().getContainerStatuses().getFirst().getLastState()
          .getTerminated().getExitCode()).isEqualTo(137);
      assertThat(ready(ns, "victim")).isTrue();
    });
    assertThat(httpGet("http://" + ip + ":8080/healthz")).isEqualTo(200);
    assertThat(kubectl.ok("logs", "victim", "-n", ns, "--previous").out())
        .as("the killed container's log").isEqualTo("serving on " + ip + "\n");
    assertThat(kubectl.ok("logs", "victim", "-n", ns, "-c", "web", "--timestamps").out())
        .as("the running container's log").matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z serving on "
            + ip.replace(".", "\\.") + "\n");
  }

  @Test
  void httpAppRollsOutGatedByReadinessAndLogsFollow() throws Exception {
    String ns = namespace();
    String bb = Busybox.path();
    String script = """
        mkdir -p /tmp/$HOSTNAME-www && echo "hello from $HOSTNAME" > /tmp/$HOSTNAME-www/index.html
        %1$s httpd -f -p $POD_IP:8080 -h /tmp/$HOSTNAME-www &
        i=0
        while true; do i=$((i+1)); echo "tick $i"; %1$s sleep 0.3; done""".formatted(bb);
    kubectl.okWithInput("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: busybox
                command: %s
                env:
                - name: POD_IP
                  valueFrom: {fieldRef: {fieldPath: status.podIP}}
                readinessProbe:
                  httpGet: {path: /, port: 8080}
                  periodSeconds: 1
        """.formatted(shell(script)), "apply", "-n", ns, "-f", "-");
    rolledOut(ns, "web");
    for (Pod pod : client.pods().inNamespace(ns).list().getItems()) {
      String ip = pod.getStatus().getPodIP();
      assertThat(ip).startsWith("127.41.");
      assertThat(httpBody("http://" + ip + ":8080/"))
          .isEqualTo("hello from " + pod.getMetadata().getName() + "\n");
    }

    kubectl.ok("set", "env", "deployment/web", "-n", ns, "VERSION=2");
    rolledOut(ns, "web");
    String pod = client.pods().inNamespace(ns).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .findFirst().orElseThrow().getMetadata().getName();
    Path followed = dataDir.resolve(ns + "-follow.log");
    Process follow = kubectl.start(followed, "logs", "-f", pod, "-n", ns);
    try {
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        List<String> ticks = Files.readAllLines(followed).stream()
            .filter(l -> l.startsWith("tick ")).toList();
        assertThat(ticks).as("lines keep arriving while following").hasSizeGreaterThan(10);
      });
    } finally {
      follow.destroy();
    }
  }

  @Test
  void deletionRunsPreStopThenTermAndKillsAfterTheGracePeriod() throws Exception {
    String ns = namespace();
    Path events = dataDir.resolve(ns + "-events");
    String bb = Busybox.path();
    String script = """
        trap 'echo term >> %2$s' TERM
        echo started >> %2$s
        while true; do %1$s sleep 0.2; done""".formatted(bb, events);
    kubectl.okWithInput("""
        apiVersion: v1
        kind: Pod
        metadata: {name: stubborn}
        spec:
          terminationGracePeriodSeconds: 3
          containers:
          - name: app
            image: busybox
            command: %s
            lifecycle:
              preStop:
                exec: {command: ["%s", "sh", "-c", "echo prestop >> %s"]}
        """.formatted(shell(script), bb, events), "apply", "-n", ns, "-f", "-");
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(events)
        && Files.readString(events).contains("started") && ready(ns, "stubborn"));

    long start = System.nanoTime();
    kubectl.ok("delete", "pod", "stubborn", "-n", ns, "--wait=true");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(Files.readAllLines(events)).containsExactly("started", "prestop", "term");
    assertThat(took).as("the process ignored SIGTERM, so the full grace period passed")
        .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    assertThat(ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(events.toString())))
        .as("SIGKILL after the grace period").isEmpty();
  }

  private static void rolledOut(String ns, String name) throws Exception {
    assertThat(kubectl.ok("rollout", "status", "deployment/" + name, "-n", ns,
        "--timeout=90s").out()).contains("successfully rolled out");
  }

  private static int restarts(String ns, String pod) {
    var statuses = client.pods().inNamespace(ns).withName(pod).get().getStatus()
        .getContainerStatuses();
    return statuses == null || statuses.isEmpty() ? 0 : statuses.getFirst().getRestartCount();
  }

  private static boolean ready(String ns, String pod) {
    var status = client.pods().inNamespace(ns).withName(pod).get().getStatus();
    return status.getConditions() != null && status.getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  private static String phase(String ns, String pod) {
    return client.pods().inNamespace(ns).withName(pod).get().getStatus().getPhase();
  }

  /**
   * SIGKILLs a pod's container the way an out-of-memory kill or a crash would: its main process,
   * found by this suite's marker and the {@code HOSTNAME} (the pod's name) in its environment.
   */
  private static void killContainerOf(String pod) {
    List<ProcessHandle> main = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(marker()))
        .filter(p -> environment(p).contains("HOSTNAME=" + pod))
        .filter(p -> p.parent().map(parent -> !environment(parent).contains("HOSTNAME=" + pod))
            .orElse(true))
        .toList();
    assertThat(main).as("the pod's main process").hasSize(1);
    main.getFirst().destroyForcibly();
  }

  private static List<String> environment(ProcessHandle p) {
    try {
      return List.of(Files.readString(Path.of("/proc", String.valueOf(p.pid()), "environ"))
          .split("\0"));
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  private static int httpGet(String url) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }

  private static String httpBody(String url) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    }
  }
}
