package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capstan kubectl} from the real binary against the real server: its output is the real
 * kubectl's, byte for byte except for AGE columns.
 */
class CapstanKubectlTest {

  @TempDir
  static Path dataDir;
  private static CapstanProcess capstan;

  @BeforeAll
  static void start() throws IOException {
    capstan = CapstanProcess.start(dataDir, "--runtime", "simulated", "--simulated-nodes", "2",
        "--service-cidr", "127.104.0.0/16");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (capstan != null) {
      capstan.close();
    }
  }

  @Test
  void getPrintsWhatKubectlPrints() throws Exception {
    List<Kubectl> kubectls = Kubectl.available(capstan.kubeconfig());
    Assumptions.assumeFalse(kubectls.isEmpty(), "no kubectl on this machine");
    Kubectl k = kubectls.getFirst();
    k.ok("create", "namespace", "cmp");
    k.ok("create", "deployment", "web", "--image=nginx", "--replicas=0", "-n", "cmp");
    List<List<String>> commands = List.of(
        List.of("get", "deployments", "-n", "cmp"),
        List.of("get", "deploy", "-n", "cmp", "-o", "wide"),
        List.of("get", "svc"),
        List.of("get", "ns"),
        List.of("get", "pods", "-n", "cmp"),
        List.of("get", "deploy", "-A"),
        List.of("get", "deploy", "-n", "cmp", "-o", "name"),
        List.of("get", "deployment", "web", "-n", "cmp", "-o", "yaml"),
        List.of("get", "deployments.apps", "-n", "cmp", "-o", "yaml"),
        List.of("get", "deploy/web", "-n", "cmp", "-o", "json"),
        List.of("get", "deploy", "missing", "-n", "cmp"),
        List.of("get", "foo"),
        List.of("api-resources"));
    for (List<String> args : commands) {
      Kubectl.Result expected = k.run(args.toArray(String[]::new));
      Kubectl.Result actual = capstanKubectl(args);
      assertThat(withoutAges(actual.toString())).as(String.join(" ", args))
          .isEqualTo(withoutAges(expected.toString()));
    }
  }

  @Test
  void getFormsPrintWhatKubectlPrints() throws Exception {
    Kubectl k = realKubectl();
    k.ok("create", "namespace", "cmpget");
    k.ok("create", "deployment", "api", "--image=nginx", "--replicas=1", "-n", "cmpget");
    k.ok("label", "deployment", "api", "tier=back", "-n", "cmpget");
    k.ok("create", "configmap", "settings", "--from-literal=a=1", "-n", "cmpget");
    k.ok("wait", "--for=condition=Available", "deployment/api", "-n", "cmpget",
        "--timeout=60s");
    List<List<String>> commands = List.of(
        List.of("get", "deploy", "-n", "cmpget", "-o", "jsonpath={.items[*].metadata.name}"),
        List.of("get", "deploy", "api", "-n", "cmpget", "-o",
            "jsonpath={range .status.conditions[*]}{.type}={.status}{\"\\n\"}{end}"),
        List.of("get", "deploy", "api", "-n", "cmpget", "-o",
            "jsonpath={.status.conditions[?(@.type==\"Available\")].status} {.metadata.labels}"),
        List.of("get", "deploy", "api", "-n", "cmpget", "-o", "jsonpath={..image}"),
        List.of("get", "deploy", "api", "-n", "cmpget", "-o", "jsonpath={.missing}",
            "--allow-missing-template-keys=false"),
        List.of("get", "deploy", "-n", "cmpget", "-o", "jsonpath={.items[}"),
        List.of("get", "deploy", "-n", "cmpget", "-o", "custom-columns=NAME:.metadata.name,"
            + "REPLICAS:.spec.replicas,IMAGES:.spec.template.spec.containers[*].image,"
            + "LABELS:.metadata.labels,MISSING:.nothing"),
        List.of("get", "deploy,rs", "-n", "cmpget", "--show-labels"),
        List.of("get", "deploy", "-n", "cmpget", "-L", "app,tier"),
        List.of("get", "deploy,rs,cm", "-n", "cmpget"),
        List.of("get", "deploy,rs,cm", "-n", "cmpget", "--no-headers"),
        List.of("get", "deploy,rs", "-n", "cmpget", "-o", "name"),
        List.of("get", "all", "-n", "cmpget"),
        List.of("get", "all", "-n", "cmpget", "--no-headers"),
        List.of("get", "pods", "-n", "cmpget", "--field-selector=status.phase=Running"),
        List.of("get", "cm", "-n", "cmpget", "--sort-by=.metadata.name"),
        List.of("get", "deploy/api", "cm/settings", "-n", "cmpget"),
        List.of("get", "deploy", "-n", "empty-ns-nothing", "-o", "jsonpath={.items}"));
    for (List<String> args : commands) {
      Kubectl.Result expected = k.run(args.toArray(String[]::new));
      Kubectl.Result actual = capstanKubectl(args);
      assertThat(withoutAges(actual.toString())).as(String.join(" ", args))
          .isEqualTo(withoutAges(expected.toString()));
    }
  }

  @Test
  void watchPrintsARowPerChangeLikeKubectl() throws Exception {
    Kubectl k = realKubectl();
    k.ok("create", "namespace", "cmpwatch");
    k.ok("create", "deployment", "w", "--image=nginx", "--replicas=1", "-n", "cmpwatch");
    k.ok("wait", "--for=condition=Available", "deployment/w", "-n", "cmpwatch",
        "--timeout=60s");
    String[] args = {"get", "deploy", "-n", "cmpwatch", "-w", "--request-timeout=20s"};
    Path expectedOut = dataDir.resolve("watch-kubectl.out");
    Path actualOut = dataDir.resolve("watch-capstan.out");
    Process capstanWatch = Kubectl.capstan(capstan.kubeconfig()).start(actualOut, args);
    Process kubectlWatch = k.start(expectedOut, args);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
        Files.readString(actualOut).contains("\nw ") && Files.readString(expectedOut)
            .contains("\nw "));
    k.ok("scale", "deployment", "w", "--replicas=2", "-n", "cmpwatch");
    assertThat(capstanWatch.waitFor(40, TimeUnit.SECONDS)).isTrue();
    assertThat(kubectlWatch.waitFor(40, TimeUnit.SECONDS)).isTrue();
    assertThat(capstanWatch.exitValue()).isZero();
    String actual = withoutAges(Files.readString(actualOut));
    assertThat(actual).contains("w      1/2", "w      2/2");
    assertThat(actual).isEqualTo(withoutAges(Files.readString(expectedOut)));
  }

  @Test
  void configVerbsEditTheKubeconfigLikeKubectl() throws Exception {
    Kubectl k = realKubectl();
    Path expectedFile = dataDir.resolve("config-kubectl.yaml");
    Path actualFile = dataDir.resolve("config-capstan.yaml");
    Files.copy(capstan.kubeconfig(), expectedFile);
    Files.copy(capstan.kubeconfig(), actualFile);
    List<List<String>> commands = List.of(
        List.of("config", "set-context", "other", "--cluster=capstan", "--user=capstan-admin"),
        List.of("config", "view"),
        List.of("config", "view", "--minify"),
        List.of("config", "view", "--raw"),
        List.of("config", "view", "-o", "jsonpath={.contexts[*].name}"),
        List.of("config", "get-contexts"),
        List.of("config", "get-contexts", "missing"),
        List.of("config", "current-context"),
        List.of("config", "use-context", "other"),
        List.of("config", "use-context", "missing"),
        List.of("config", "set-context", "--current", "--namespace=kube-system"),
        List.of("config", "get-contexts", "-o", "name"),
        List.of("config", "view", "--minify"));
    Kubectl kubectlOnCopy = k.withKubeconfig(expectedFile);
    Kubectl capstanOnCopy = Kubectl.capstan(actualFile);
    for (List<String> args : commands) {
      Kubectl.Result expected = kubectlOnCopy.run(args.toArray(String[]::new));
      Kubectl.Result actual = capstanOnCopy.run(args.toArray(String[]::new));
      assertThat(actual.toString()).as(String.join(" ", args)).isEqualTo(expected.toString());
    }
    assertThat(Files.readString(actualFile)).isEqualTo(Files.readString(expectedFile));
    assertThat(capstanOnCopy.run("get", "rs").err())
        .isEqualTo("No resources found in kube-system namespace.\n");
  }

  @Test
  void completionScriptCompletesKubectlVerbs() throws Exception {
    Kubectl.Result script = capstanKubectl(List.of("completion", "bash"));
    assertThat(script.exitCode()).isZero();
    Path file = dataDir.resolve("completion.bash");
    Files.writeString(file, script.out());
    Process bash = new ProcessBuilder("bash", "-c", "source " + file + " 2>/dev/null; "
        + "COMP_WORDS=(capstan kubectl con); COMP_CWORD=2; COMP_LINE='capstan kubectl con'; "
        + "COMP_POINT=${#COMP_LINE}; _complete_capstan 2>/dev/null; echo \"${COMPREPLY[@]}\"")
        .redirectErrorStream(true).start();
    String out = new String(bash.getInputStream().readAllBytes());
    assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(out.strip()).isEqualTo("config");
  }

  private static Kubectl realKubectl() {
    List<Kubectl> kubectls = Kubectl.available(capstan.kubeconfig());
    Assumptions.assumeFalse(kubectls.isEmpty(), "no kubectl on this machine");
    return kubectls.getFirst();
  }

  @Test
  void unknownTypeAndRefusedConnectionFailLikeKubectl() throws Exception {
    Kubectl.Result unknown = capstanKubectl(List.of("get", "foo"));
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("error: the server doesn't have a resource type \"foo\"\n");

    Path refused = dataDir.resolve("refused.yaml");
    Files.writeString(refused, Files.readString(capstan.kubeconfig())
        .replaceAll("server: https://127.0.0.1:\\d+", "server: https://127.0.0.1:1"));
    Kubectl.Result down = capstanKubectl(List.of("get", "pods"), refused);
    assertThat(down.exitCode()).isEqualTo(1);
    assertThat(down.err()).isEqualTo("The connection to the server 127.0.0.1:1 was refused - "
        + "did you specify the right host or port?\n");
  }

  @Test
  void versionShowsTheServer() throws Exception {
    Kubectl.Result version = capstanKubectl(List.of("version"));
    assertThat(version.exitCode()).as(version.toString()).isZero();
    assertThat(version.out()).contains("Client Version: v1.32.0+capstan",
        "Server Version: v1.32.0+capstan");
  }

  /** Masks ages and the padding after them (9s and 10s make the column one wider). */
  private static String withoutAges(String text) {
    return text.replaceAll("(?m)(?<=\\s)\\d+[smhd](\\d+[smh])?(?=\\s|$)", "AGE")
        .replaceAll("AGE +", "AGE ");
  }

  private static Kubectl.Result capstanKubectl(List<String> args) throws Exception {
    return capstanKubectl(args, capstan.kubeconfig());
  }

  private static Kubectl.Result capstanKubectl(List<String> args, Path kubeconfig)
      throws Exception {
    return Kubectl.capstan(kubeconfig).run(args.toArray(String[]::new));
  }
}
