package io.capstan.node.server;

import static io.capstan.node.logs.CriLogFixture.T0;
import static io.capstan.node.logs.CriLogFixture.stamp;
import static io.capstan.node.server.LogCluster.NODE;
import static io.capstan.node.server.LogCluster.running;
import static io.capstan.node.server.LogCluster.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kubectl logs} with the real binaries: kubectl from PATH (1.21 or newer) and Debian's
 * kubectl 1.20 under {@code capstan.tools} (default {@code ../.tools}); skipped without either.
 */
class KubectlLogsTest {

  @TempDir
  static Path dir;

  private static LogCluster cluster;
  private static Path kubeconfig;

  record Kubectl(String name, Path binary) {
    @Override
    public String toString() {
      return name;
    }
  }

  record Result(int exit, String out, String err) {}

  static List<Kubectl> binaries() {
    List<Kubectl> found = new ArrayList<>();
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(entry, "kubectl");
      if (!entry.isEmpty() && Files.isExecutable(candidate) && minorOf(candidate) >= 21) {
        found.add(new Kubectl("kubectl-1." + minorOf(candidate), candidate));
        break;
      }
    }
    Path old = Path.of(System.getProperty("capstan.tools", "../.tools"))
        .resolve("kubectl-1.20/usr/bin/kubectl");
    if (Files.isExecutable(old)) {
      found.add(new Kubectl("kubectl-1.20", old.toAbsolutePath()));
    }
    Assumptions.assumeFalse(found.isEmpty(), "no kubectl on this machine");
    return found;
  }

  @BeforeAll
  static void start() throws Exception {
    cluster = new LogCluster(dir.resolve("logs"));
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: capstan
          cluster:
            server: %s
        contexts:
        - name: capstan
          context:
            cluster: capstan
            user: capstan
            namespace: default
        current-context: capstan
        users:
        - name: capstan
          user: {}
        """.formatted(cluster.server.url()));
    cluster.log("web", "app").line("one").partial("t").line("wo").line("three");
    cluster.createPod("web", NODE, new PodSpecBuilder().addNewContainer().withName("app")
        .withImage("busybox").endContainer().build(), List.of(running("app")), List.of());
    cluster.createPod("multi", NODE, new PodSpecBuilder()
            .addNewContainer().withName("a").withImage("busybox").endContainer()
            .addNewContainer().withName("b").withImage("busybox").endContainer().build(),
        List.of(running("a"), status("b").withContainerID(null).withNewState().withNewWaiting()
            .withReason("ContainerCreating").endWaiting().endState().build()), List.of());
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaries")
  void printsAndTailsLogs(Kubectl kubectl) throws Exception {
    Result all = run(kubectl, "logs", "web");
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out()).isEqualTo("one\ntwo\nthree\n");
    Result tail = run(kubectl, "logs", "pod/web", "--tail=1", "--timestamps");
    assertThat(tail.out()).isEqualTo(stamp(T0.plusSeconds(3)) + "three\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaries")
  void showsTheServersReasons(Kubectl kubectl) throws Exception {
    Result missing = run(kubectl, "logs", "nope");
    assertThat(missing.exit()).isNotZero();
    // kubectl 1.32 words it "error: error from server (NotFound): ... in namespace", 1.20 not.
    assertThat(missing.err())
        .containsIgnoringCase("from server (NotFound): pods \"nope\" not found");
    Result waiting = run(kubectl, "logs", "multi", "-c", "b");
    assertThat(waiting.exit()).isNotZero();
    assertThat(waiting.err()).contains("Error from server (BadRequest): container \"b\" in pod "
        + "\"multi\" is waiting to start: ContainerCreating");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaries")
  void followsUntilTheContainerExits(Kubectl kubectl) throws Exception {
    String pod = "follow-" + kubectl.name().replace('.', '-');
    var log = cluster.log(pod, "app").line("hello");
    cluster.createPod(pod, NODE, new PodSpecBuilder().addNewContainer().withName("app")
        .withImage("busybox").endContainer().build(), List.of(running("app")), List.of());
    Path out = dir.resolve(pod + ".out");
    Process process = command(kubectl, "logs", "-f", pod).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(out).equals("hello\n"));
      log.line("world");
      await().atMost(Duration.ofSeconds(10))
          .until(() -> Files.readString(out).equals("hello\nworld\n"));
      cluster.exit(pod, "app");
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
    } finally {
      process.destroyForcibly();
    }
  }

  private static Result run(Kubectl kubectl, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "kubectl", ".out");
    Path err = Files.createTempFile(dir, "kubectl", ".err");
    Process process = command(kubectl, args).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("kubectl " + String.join(" ", args) + " timed out");
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static ProcessBuilder command(Kubectl kubectl, String... args) {
    List<String> command = new ArrayList<>();
    command.add(kubectl.binary().toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("HOME", dir.toString());
    builder.environment().remove("KUBECONFIG");
    return builder;
  }

  private static int minorOf(Path binary) {
    try {
      Process p = new ProcessBuilder(binary.toString(), "version", "--client", "-o", "json")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(20, TimeUnit.SECONDS);
      Matcher m = Pattern.compile("\"minor\":\\s*\"(\\d+)").matcher(out);
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException | InterruptedException e) {
      return 0;
    }
  }
}
