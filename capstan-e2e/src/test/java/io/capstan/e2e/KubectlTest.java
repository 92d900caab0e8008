package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real kubectl (1.32 where the machine has it, and Debian's 1.20) against the real capstan
 * binary: the verbs of the acceptance list behave as they do against Kubernetes. Each test works
 * in its own namespace, so the cases share one server.
 */
class KubectlTest {

  @TempDir
  static Path dataDir;
  private static CapstanProcess capstan;
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    capstan = CapstanProcess.start(dataDir);
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

  private static Kubectl kubectl(Kubectl template) {
    return template.withKubeconfig(capstan.kubeconfig());
  }

  /** A fresh namespace for one test. */
  private static String namespace(Kubectl k) throws Exception {
    String ns = "t" + NAMESPACES.incrementAndGet() + "-" + k.name().replace(".", "");
    Kubectl.Result created = k.run("create", "namespace", ns);
    assertThat(created.exitCode()).as(created.toString()).isZero();
    return ns;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void applyTheSeedManifestsAndGetThemBack(Kubectl template) throws Exception {
    Kubectl k = kubectl(template);
    String ns = namespace(k);
    assertThat(k.okWithInput(Kubectl.seed("deployment.yaml"), "apply", "-n", ns, "-f", "-").out())
        .contains("deployment.apps/nginx-deployment created");
    assertThat(k.okWithInput(Kubectl.seed("configmap.yaml").replace("namespace: default", "namespace: " + ns),
        "apply", "-f", "-").out()).contains("configmap/config-dev created");
    assertThat(k.okWithInput(Kubectl.seed("deployment.yaml"), "apply", "-n", ns, "-f", "-").out())
        .contains("deployment.apps/nginx-deployment unchanged");

    String table = k.ok("get", "deployments", "-n", ns).out();
    assertThat(table.lines().findFirst().orElseThrow())
        .containsSubsequence("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
    assertThat(table).contains("nginx-deployment");
    assertThat(k.ok("get", "deployments", "-n", ns, "-o", "wide").out().lines().findFirst()
        .orElseThrow()).containsSubsequence("CONTAINERS", "IMAGES", "SELECTOR");
    assertThat(k.ok("get", "deployment", "nginx-deployment", "-n", ns, "-o", "yaml").out())
        .contains("replicas: 3", "image: nginx:1.14.2", "kind: Deployment",
            "kubectl.kubernetes.io/last-applied-configuration");
    assertThat(k.ok("get", "deployment/nginx-deployment", "-n", ns, "-o", "json").out())
        .contains("\"maxSurge\": \"25%\"", "\"revisionHistoryLimit\": 10");
    assertThat(k.ok("get", "deploy,cm", "-n", ns, "-o", "name").out())
        .contains("deployment.apps/nginx-deployment", "configmap/config-dev");
    assertThat(k.ok("get", "configmap", "-n", ns, "-l", "app=nginx", "-o", "name").out())
        .isBlank();
    assertThat(k.ok("get", "deployments", "-n", ns, "-l", "app=nginx", "-o", "name").out())
        .contains("deployment.apps/nginx-deployment");
    String cms = k.ok("get", "configmap", "-n", ns).out();
    assertThat(cms).containsSubsequence("NAME", "DATA", "AGE").contains("config-dev", "4");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void describeLabelAnnotatePatchReplaceDelete(Kubectl template) throws Exception {
    Kubectl k = kubectl(template);
    String ns = namespace(k);
    k.okWithInput(Kubectl.seed("deployment.yaml"), "apply", "-n", ns, "-f", "-");
    assertThat(k.ok("describe", "deployment", "nginx-deployment", "-n", ns).out())
        .contains("Name:", "nginx-deployment", "Replicas:", "StrategyType:", "RollingUpdate",
            "nginx:1.14.2");

    k.ok("label", "deployment", "nginx-deployment", "-n", ns, "tier=web");
    k.ok("annotate", "deployment", "nginx-deployment", "-n", ns, "owner=team-a");
    String yaml = k.ok("get", "deployment", "nginx-deployment", "-n", ns, "-o", "yaml").out();
    assertThat(yaml).contains("tier: web", "owner: team-a");

    k.ok("patch", "deployment", "nginx-deployment", "-n", ns, "-p",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":"
            + "\"nginx:1.16.1\"}]}}}}");
    k.ok("patch", "deployment", "nginx-deployment", "-n", ns, "--type=merge", "-p",
        "{\"spec\":{\"replicas\":5}}");
    k.ok("patch", "deployment", "nginx-deployment", "-n", ns, "--type=json", "-p",
        "[{\"op\":\"add\",\"path\":\"/spec/minReadySeconds\",\"value\":2}]");
    String patched = k.ok("get", "deployment", "nginx-deployment", "-n", ns, "-o", "json").out();
    assertThat(patched).contains("\"image\": \"nginx:1.16.1\"", "\"replicas\": 5",
        "\"minReadySeconds\": 2", "\"containerPort\": 80");

    // kubectl replace pins the resourceVersion it reads, and the deployment controller is busy
    // writing status after the patches above, so a 409 is legitimate; a user retries, as here.
    String replaced = Kubectl.seed("deployment.yaml").replace("replicas: 3", "replicas: 2");
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      Kubectl.Result result = k.runWithInput(replaced, "replace", "-n", ns, "-f", "-");
      assertThat(result.exitCode() == 0 || result.err().contains("Conflict"))
          .as(result.toString()).isTrue();
      return result.exitCode() == 0;
    });
    assertThat(k.ok("get", "deployment", "nginx-deployment", "-n", ns, "-o",
        "jsonpath={.spec.replicas}").out()).isEqualTo("2");

    assertThat(k.ok("delete", "deployment", "nginx-deployment", "-n", ns).out())
        .contains("deployment.apps \"nginx-deployment\" deleted");
    Kubectl.Result gone = k.run("get", "deployment", "nginx-deployment", "-n", ns);
    assertThat(gone.exitCode()).isNotZero();
    assertThat(gone.err()).contains("NotFound", "nginx-deployment");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void createConfigMapsFromLiteralsFilesAndEnvFiles(Kubectl template, @TempDir Path files)
      throws Exception {
    Kubectl k = kubectl(template);
    String ns = namespace(k);
    Path properties = Files.writeString(files.resolve("app.properties"), "color=blue\nsize=10\n");
    Path env = Files.writeString(files.resolve("app.env"), "# comment\nDB_URL=localhost\n"
        + "DB_USER=myuser\n");
    k.ok("create", "configmap", "literal", "-n", ns, "--from-literal=DB_URL=localhost",
        "--from-literal=DEBUG_INFO=debug");
    k.ok("create", "configmap", "file", "-n", ns, "--from-file=" + properties);
    k.ok("create", "configmap", "envfile", "-n", ns, "--from-env-file=" + env);
    String table = k.ok("get", "configmap", "-n", ns).out();
    assertThat(table).containsPattern("literal\\s+2\\s").containsPattern("file\\s+1\\s")
        .containsPattern("envfile\\s+2\\s");
    assertThat(k.ok("get", "configmap", "file", "-n", ns, "-o", "yaml").out())
        .contains("app.properties: |", "color=blue");
    assertThat(k.ok("get", "configmap", "envfile", "-n", ns, "-o",
        "jsonpath={.data.DB_USER}").out()).isEqualTo("myuser");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void invalidManifestsAreRejectedWithKubernetesMessages(Kubectl template) throws Exception {
    Kubectl k = kubectl(template);
    String ns = namespace(k);
    String bad = Kubectl.seed("deployment.yaml").replace("replicas: 3", "replicas: -1")
        .replace("app: nginx\n  template", "app: other\n  template");
    Kubectl.Result result = k.runWithInput(bad, "apply", "-n", ns, "-f", "-");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("The Deployment \"nginx-deployment\" is invalid",
        "spec.replicas", "must be greater than or equal to 0");

    String badKey = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n"
        + "  \"no spaces\": x\n";
    Kubectl.Result cm = k.runWithInput(badKey, "create", "-n", ns, "-f", "-");
    assertThat(cm.exitCode()).isNotZero();
    assertThat(cm.err()).contains("ConfigMap \"bad\" is invalid", "data[no spaces]",
        "a valid config key must consist of alphanumeric characters");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void getWatchPrintsChanges(Kubectl template) throws Exception {
    Kubectl k = kubectl(template);
    String ns = namespace(k);
    k.ok("create", "configmap", "watched", "-n", ns, "--from-literal=a=1");
    Path output = Files.createTempFile(dataDir, "watch", ".out");
    Process watch = k.start(output, "get", "configmaps", "-n", ns, "-w");
    try {
      await().atMost(Duration.ofSeconds(30))
          .until(() -> Files.readString(output).contains("watched"));
      k.ok("create", "configmap", "arrived", "-n", ns, "--from-literal=b=2");
      await().atMost(Duration.ofSeconds(30))
          .until(() -> Files.readString(output).contains("arrived"));
    } finally {
      watch.destroyForcibly();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void discoveryApiResourcesAndExplain(Kubectl template) throws Exception {
    Kubectl k = kubectl(template);
    String resources = k.ok("api-resources").out();
    assertThat(resources).containsPattern("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment")
        .containsPattern("configmaps\\s+cm\\s+v1\\s+true\\s+ConfigMap")
        .containsPattern("namespaces\\s+ns\\s+v1\\s+false\\s+Namespace");
    String explained = k.ok("explain", "deployment.spec").out();
    assertThat(explained).contains("KIND:", "Deployment", "replicas", "selector", "template",
        "strategy");
    assertThat(k.ok("version").out()).contains("Server Version", "v1.32");
  }
}
