package io.capstan.node.runtime.process;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sends SIGTERM or SIGKILL to a container: to its whole process group ({@code kill -s SIG --
 * -<pgid>}) when it leads one, so that what it forked goes too; otherwise, and also when the group
 * is not there yet (the signal came before {@code setsid} made it), to the process and every
 * descendant the JDK can see.
 */
final class ProcessSignals {

  private final Optional<java.nio.file.Path> killProgram;

  ProcessSignals(HostTools tools) {
    this.killProgram = tools.kill;
  }

  void terminate(long pid, long processGroup) {
    signal(pid, processGroup, false);
  }

  void kill(long pid, long processGroup) {
    signal(pid, processGroup, true);
  }

  private void signal(long pid, long processGroup, boolean forcibly) {
    if (processGroup > 0 && killProgram.isPresent() && signalGroup(processGroup, forcibly)) {
      return;
    }
    ProcessHandle.of(pid)
        .ifPresent(
            process -> {
              process.descendants().forEach(child -> send(child, forcibly));
              send(process, forcibly);
            });
  }

  private boolean signalGroup(long processGroup, boolean forcibly) {
    List<String> command =
        List.of(
            killProgram.orElseThrow().toString(),
            "-s",
            forcibly ? "KILL" : "TERM",
            "--",
            "-" + processGroup);
    try {
      Process kill =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void send(ProcessHandle process, boolean forcibly) {
    if (forcibly) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
  }
}
