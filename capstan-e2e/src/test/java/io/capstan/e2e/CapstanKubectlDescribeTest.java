package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capstan kubectl describe}, {@code cordon}, {@code uncordon}, {@code cluster-info} against
 * a simulated cluster, compared with the real kubectl's output for the same objects; and
 * {@code logs} against busybox pods on the process runtime, compared with the real kubectl's
 * where the output is deterministic.
 */
class CapstanKubectlDescribeTest {

  @TempDir
  static Path dataDir;
  private static CapstanProcess capstan;
  private static Kubectl real;
  private static Kubectl ours;

  @BeforeAll
  static void start() throws Exception {
    capstan = CapstanProcess.start(dataDir, "--runtime", "simulated", "--simulated-nodes", "1",
        "--node-name", "desc", "--service-cidr", "127.103.0.0/16");
    real = Kubectl.onThisMachine().getFirst().withKubeconfig(capstan.kubeconfig());
    ours = Kubectl.capstan(capstan.kubeconfig());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (capstan != null) {
      capstan.close();
    }
  }

  @Test
  void describePrintsWhatKubectlPrints() throws Exception {
    real.ok("create", "namespace", "shop");
    real.okWithInput(resource("shop.yaml"), "apply", "-n", "shop", "-f", "-");
    try (KubernetesClient client = client(capstan)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        Deployment d = client.apps().deployments().inNamespace("shop").withName("shop").get();
        return Objects.equals(d.getStatus().getAvailableReplicas(), 2);
      });
    }
    real.ok("set", "image", "deployment/shop", "web=shop:v2", "-n", "shop");
    real.ok("rollout", "status", "deployment/shop", "-n", "shop", "--timeout=60s");
    try (KubernetesClient client = client(capstan)) {
      // A rollout is complete before the old pods are gone; the two kubectls must see one state.
      await().atMost(Duration.ofSeconds(30)).until(() ->
          client.pods().inNamespace("shop").list().getItems().size() == 2);
    }
    List<List<String>> commands = List.of(
        List.of("describe", "deployment", "shop", "-n", "shop"),
        List.of("describe", "rs", "-n", "shop", "-l", "app=shop"),
        List.of("describe", "pods", "-n", "shop"),
        List.of("describe", "pod", "shop-", "-n", "shop"),
        List.of("describe", "svc/shop", "-n", "shop"),
        List.of("describe", "endpoints", "shop", "-n", "shop"),
        List.of("describe", "configmap", "shop-config", "-n", "shop"),
        List.of("describe", "nodes"),
        List.of("describe", "namespace", "shop"),
        List.of("describe", "deploy", "missing", "-n", "shop"),
        List.of("describe", "pods", "-n", "shop", "-l", "app=none"));
    for (List<String> args : commands) {
      Kubectl.Result expected = real.run(args.toArray(String[]::new));
      Kubectl.Result actual = ours.run(args.toArray(String[]::new));
      assertThat(masked(actual.toString())).as(String.join(" ", args))
          .isEqualTo(masked(expected.toString()));
    }
  }

  @Test
  void cordonUncordonAndClusterInfoPrintWhatKubectlPrints() throws Exception {
    List<List<String>> steps = List.of(
        List.of("cordon", "desc-sim-0"), List.of("cordon", "desc-sim-0"),
        List.of("uncordon", "desc-sim-0"), List.of("uncordon", "desc-sim-0"),
        List.of("cordon", "missing"), List.of("cluster-info"));
    // Each client runs the whole sequence, which ends where it began (uncordoned).
    List<String> expected = new java.util.ArrayList<>();
    for (List<String> args : steps) {
      expected.add(String.join(" ", args) + "\n" + real.run(args.toArray(String[]::new)));
    }
    List<String> actual = new java.util.ArrayList<>();
    for (List<String> args : steps) {
      actual.add(String.join(" ", args) + "\n" + ours.run(args.toArray(String[]::new)));
    }
    // The second cordon says "already cordoned" only if the first one's patch reached the node.
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void logsPrintWhatKubectlPrints(@TempDir Path processDir) throws Exception {
    String bb = Busybox.path();
    String runs = processDir.resolve("runs").toString();
    try (CapstanProcess server = CapstanProcess.start(processDir, "--node-name", "logs",
        "--pod-cidr", "127.104.0.0/16", "--service-cidr", "127.105.0.0/16");
        KubernetesClient client = client(server)) {
      Kubectl realLogs = real.withKubeconfig(server.kubeconfig());
      Kubectl oursLogs = ours.withKubeconfig(server.kubeconfig());
      realLogs.ok("create", "namespace", "logs");
      String talker = """
          apiVersion: v1
          kind: Pod
          metadata: {name: talker}
          spec:
            containers:
            - name: main
              image: busybox
              command: ["%1$s", "sh", "-c", "for i in 1 2 3 4 5; do echo line $i; done; exec %1$s sleep 3600"]
            - name: crashy
              image: busybox
              command: ["%1$s", "sh", "-c", "n=$(cat %2$s 2>/dev/null || echo 0); n=$((n+1)); echo $n > %2$s; echo run $n; [ $n -gt 1 ] || exit 3; while true; do echo tick; %1$s sleep 0.2; done"]
          ---
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: hello}
          spec:
            replicas: 2
            selector: {matchLabels: {app: hello}}
            template:
              metadata: {labels: {app: hello}}
              spec:
                containers:
                - name: hello
                  image: busybox
                  command: ["%1$s", "sh", "-c", "echo hello from $HOSTNAME; exec %1$s sleep 3600"]
          """.formatted(bb, runs);
      realLogs.okWithInput(talker, "apply", "-n", "logs", "-f", "-");
      await().atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace("logs")
          .withName("talker").get().getStatus().getContainerStatuses().stream()
          .anyMatch(c -> c.getName().equals("crashy") && c.getRestartCount() == 1
              && c.getState().getRunning() != null));
      await().atMost(Duration.ofSeconds(30)).until(() -> client.pods().inNamespace("logs")
          .withLabel("app", "hello").list().getItems().stream()
          .filter(p -> "Running".equals(p.getStatus().getPhase())).count() == 2);

      List<List<String>> commands = List.of(
          List.of("logs", "talker", "-n", "logs"),
          List.of("logs", "talker", "main", "-n", "logs", "--tail", "2"),
          List.of("logs", "talker", "-n", "logs", "-c", "main", "--timestamps"),
          List.of("logs", "talker", "-n", "logs", "-c", "crashy", "--previous"),
          List.of("logs", "talker", "-n", "logs", "-c", "nope"),
          List.of("logs", "missing", "-n", "logs"),
          List.of("logs", "deployment/missing", "-n", "logs"));
      for (List<String> args : commands) {
        Kubectl.Result expected = realLogs.run(args.toArray(String[]::new));
        Kubectl.Result actual = oursLogs.run(args.toArray(String[]::new));
        assertThat(actual.toString()).as(String.join(" ", args)).isEqualTo(expected.toString());
        if (args.contains("--timestamps")) {
          assertThat(actual.out()).matches("(\\d{4}-\\d\\d-\\d\\dT\\S+Z line \\d\n){5}");
        }
      }

      Kubectl.Result picked = oursLogs.ok("logs", "deployment/hello", "-n", "logs");
      assertThat(picked.err()).matches("Found 2 pods, using pod/hello-\\S+\n");
      String pod = picked.err().strip().substring(picked.err().strip().indexOf("pod/") + 4);
      assertThat(picked.out()).isEqualTo("hello from " + pod + "\n");

      Path followed = processDir.resolve("follow.log");
      Process follow = oursLogs.start(followed, "logs", "-f", "talker", "-c", "crashy", "-n",
          "logs");
      try {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
            assertThat(Files.readAllLines(followed).stream().filter(l -> l.equals("tick")))
                .as("lines keep arriving while following").hasSizeGreaterThan(10));
        assertThat(follow.isAlive()).isTrue();
      } finally {
        follow.destroy();
      }
    }
  }

  /**
   * Ages and times differ between two runs a second apart, and an age's width moves the columns
   * of its table: ages and times are masked, and the tables holding ages compared without their
   * padding.
   */
  static String masked(String text) {
    StringBuilder out = new StringBuilder();
    boolean aged = false;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("Events:") || line.startsWith("Non-terminated Pods:")) {
        aged = true;
      } else if (!line.startsWith(" ")) {
        aged = false;
      }
      String m = line
          .replaceAll("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d [-+]\\d{4}",
              "TIME")
          .replaceAll("(?<=\\s)\\d+[smhd](\\d+[smh])?( \\(x\\d+ over \\d+[smhd](\\d+[smh])?\\))?"
              + "(?=\\s|$)", "AGE");
      out.append(aged ? m.replaceAll(" {2,}", "  ") : m).append('\n');
    }
    return out.toString();
  }

  static KubernetesClient client(CapstanProcess server) throws IOException {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(server.kubeconfig()))).build();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = CapstanKubectlDescribeTest.class
        .getResourceAsStream("/describe/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
