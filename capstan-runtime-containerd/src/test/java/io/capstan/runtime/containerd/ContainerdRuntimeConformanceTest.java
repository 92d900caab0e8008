package io.capstan.runtime.containerd;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.node.runtime.ContainerRuntime;
import io.capstan.node.runtime.ExecCapable;
import io.capstan.node.runtime.RuntimeConformanceTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * containerd, through its CRI plugin, against the runtime conformance suite. Two cases differ
 * from a process runtime's by the nature of containers, and are replaced here: see
 * {@link #exits()} and {@link #execIsKilledAtItsTimeout()}.
 */
class ContainerdRuntimeConformanceTest extends RuntimeConformanceTest {

  @RegisterExtension static final ContainerdFixture containerd = new ContainerdFixture();

  /** containerd keeps all state itself; the state directory is not used. */
  @Override
  protected ContainerRuntime openRuntime(Path stateDirectory) throws Exception {
    return ContainerdRuntime.open(containerd.socket());
  }

  /**
   * Each container has its own PID namespace (as kubelet runs pods), so the script's shell is
   * PID 1 and a signal it sends itself is ignored: a child shell sends it instead, and the
   * container's shell exits with the child's status, 128 + signal.
   */
  protected static Stream<ExitCase> exits() {
    return Stream.of(
        new ExitCase("completes", "exit 0", 0, "Completed"),
        new ExitCase("fails", "exit 3", 3, "Error"),
        new ExitCase("killed by SIGKILL", "sh -c 'kill -KILL $$'; exit $?", 137, "Error"),
        new ExitCase("killed by SIGTERM", "sh -c 'kill -TERM $$'; exit $?", 143, "Error"));
  }

  /**
   * containerd kills an exec at its timeout (whole seconds in CRI) and answers with an error, not
   * with the output so far, so unlike the suite's case no output is expected.
   */
  @Test
  @Override
  protected void execIsKilledAtItsTimeout() throws Exception {
    String id = start(runSandbox("exec-timeout"), shell("app", "sleep 600"));
    ExecCapable exec = (ExecCapable) runtime;

    Instant before = Instant.now();
    ExecCapable.ExecResult result =
        exec.execSync(id, List.of("sh", "-c", "echo started; sleep 600"), Duration.ofMillis(300));

    assertThat(result.timedOut()).isTrue();
    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(5));
  }
}
