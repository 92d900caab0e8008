package io.capstan.node.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** tcpSocket probes against real sockets and exec probes through real local processes. */
class TcpAndExecProbeTest {

  private final Prober prober = new Prober(Optional.of(new LocalShellExec()), new HttpGetClient());

  @Test
  void tcpSocketSucceedsOnAnOpenPortByNumberOrName() throws Exception {
    try (ServerSocket open = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Container container = new ContainerBuilder().withName("app").addNewPort().withName("db")
          .withContainerPort(open.getLocalPort()).endPort().build();
      for (IntOrString port : new IntOrString[] {
          new IntOrString(open.getLocalPort()), new IntOrString("db")}) {
        Probe spec = new ProbeBuilder().withNewTcpSocket().withPort(port).endTcpSocket().build();
        assertThat(prober.probe(spec, target(container)).kind())
            .isEqualTo(ProbeOutcome.Kind.SUCCESS);
      }
    }
  }

  @Test
  void tcpSocketFailsOnAClosedPort() throws Exception {
    int closed = HttpGetProbeTest.closedPort();
    Probe spec = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(closed))
        .endTcpSocket().build();
    ProbeOutcome outcome = prober.probe(spec, target(new ContainerBuilder().withName("app")
        .build()));
    assertThat(outcome.kind()).isEqualTo(ProbeOutcome.Kind.FAILURE);
    assertThat(outcome.message())
        .isEqualTo("dial tcp 127.0.0.1:" + closed + ": connect: connection refused");
  }

  record Case(String name, String script, int timeoutSeconds, ProbeOutcome.Kind kind,
      String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> execCases() {
    return Stream.of(
        new Case("exit 0 succeeds", "echo ok", 5, ProbeOutcome.Kind.SUCCESS, "ok\n"),
        new Case("exit 1 fails with the output", "echo out; echo err >&2; exit 1", 5,
            ProbeOutcome.Kind.FAILURE, "out\nerr\n"),
        new Case("a silent failure says how it ended", "exit 3", 5, ProbeOutcome.Kind.FAILURE,
            "command \"sh -c exit 3\" exited with 3"),
        new Case("$(VAR) expands from the container's env", "test \"$(GREETING)\" = hello", 5,
            ProbeOutcome.Kind.SUCCESS, ""),
        new Case("a command over its timeout fails", "sleep 10", 1, ProbeOutcome.Kind.FAILURE,
            "command \"sh -c sleep 10\" timed out"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("execCases")
  void execProbesRunTheCommand(Case c) {
    Probe spec = new ProbeBuilder().withNewExec().withCommand("sh", "-c", c.script()).endExec()
        .withTimeoutSeconds(c.timeoutSeconds()).build();
    Container container = new ContainerBuilder().withName("app")
        .addNewEnv().withName("GREETING").withValue("hello").endEnv().build();
    Instant start = Instant.now();
    ProbeOutcome outcome = prober.probe(spec, target(container));
    assertThat(outcome.kind()).as(outcome.message()).isEqualTo(c.kind());
    assertThat(outcome.message()).isEqualTo(c.message());
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void execWithoutAnExecRuntimeFails() {
    Prober withoutExec = new Prober(Optional.empty(), new HttpGetClient());
    Probe spec = new ProbeBuilder().withNewExec().withCommand("true").endExec().build();
    ProbeOutcome outcome = withoutExec.probe(spec, target(new ContainerBuilder().withName("app")
        .build()));
    assertThat(outcome).isEqualTo(ProbeOutcome.failure(
        "exec probes are not supported by this container runtime"));
  }

  @Test
  void commandExpansionFollowsKubernetesRules() {
    Map<String, String> env = Map.of("A", "1", "B", "two");
    assertThat(CommandExpansion.expandWord("$(A)-$(B)", env)).isEqualTo("1-two");
    assertThat(CommandExpansion.expandWord("$$(A)", env)).isEqualTo("$(A)");
    assertThat(CommandExpansion.expandWord("$(MISSING)", env)).isEqualTo("$(MISSING)");
    assertThat(CommandExpansion.expandWord("$(A", env)).isEqualTo("$(A");
    assertThat(CommandExpansion.expandWord("$HOME $", env)).isEqualTo("$HOME $");
  }

  private static ProbeTarget target(Container container) {
    return new ProbeTarget("uid-1", "ns", "web", container, "c1", "127.0.0.1", Instant.now());
  }
}
