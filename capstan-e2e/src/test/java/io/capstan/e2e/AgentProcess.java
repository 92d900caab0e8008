package io.capstan.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code capstan agent}, joining a server as a user would start it: the runnable jar,
 * the server's URL and node token, its own data directory; output to {@code agent.log} there.
 */
final class AgentProcess implements AutoCloseable {

  private final Path dataDir;
  private final List<String> command;
  private Process process;

  private AgentProcess(Path dataDir, List<String> command) {
    this.dataDir = dataDir;
    this.command = command;
  }

  /** Starts an agent for {@code server} named {@code nodeName}; returns at once. */
  static AgentProcess start(CapstanProcess server, Path dataDir, String nodeName,
      String... extraArgs) throws IOException {
    return start(List.of(server), dataDir, nodeName, extraArgs);
  }

  /** Starts an agent for the servers of one cluster, listed in this order in {@code --server}. */
  static AgentProcess start(List<CapstanProcess> servers, Path dataDir, String nodeName,
      String... extraArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of(CapstanProcess.java(), "-XX:+UseSerialGC",
        "-jar", CapstanProcess.jar(), "agent",
        "--server", String.join(",", servers.stream().map(CapstanProcess::url).toList()),
        "--token", Files.readString(servers.getFirst().dataDir().resolve("node-token")).trim(),
        "--node-name", nodeName, "--data-dir", dataDir.toString()));
    command.addAll(List.of(extraArgs));
    AgentProcess agent = new AgentProcess(dataDir, command);
    agent.launch();
    return agent;
  }

  /** Starts the agent again with the same arguments, as after a crash. */
  void launch() throws IOException {
    Files.createDirectories(dataDir);
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("agent.log").toFile()))
        .start();
  }

  String log() {
    try {
      return Files.readString(dataDir.resolve("agent.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGKILL: the node dies without a word; its pods' processes keep running. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }
}
