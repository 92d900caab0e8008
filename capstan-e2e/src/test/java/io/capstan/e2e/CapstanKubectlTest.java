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
    capstan = CapstanProcess.start(dataDir);
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
  void unknownTypeAndRefusedConnectionFailLikeKubectl() throws Exception {
    Kubectl.Result unknown = capstanKubectl(List.of("get", "foo"));
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("error: the server doesn't have a resource type \"foo\"\n");

    Path refused = dataDir.resolve("refused.yaml");
    Files.writeString(refused, Files.readString(capstan.kubeconfig())
        .replaceAll("server: http://127.0.0.1:\\d+", "server: http://127.0.0.1:1"));
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

  private static String withoutAges(String text) {
    return text.replaceAll("(?m)(?<=\\s)\\d+[smhd](\\d+[smh])?(?=\\s|$)", "AGE");
  }

  private static Kubectl.Result capstanKubectl(List<String> args) throws Exception {
    return capstanKubectl(args, capstan.kubeconfig());
  }

  private static Kubectl.Result capstanKubectl(List<String> args, Path kubeconfig)
      throws Exception {
    return Kubectl.capstan(kubeconfig).run(args.toArray(String[]::new));
  }
}
