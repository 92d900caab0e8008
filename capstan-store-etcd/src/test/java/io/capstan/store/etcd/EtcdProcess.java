package io.capstan.store.etcd;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A single-member etcd cluster run as a child process on free loopback ports, for tests. It can be
 * stopped and started again on the same ports and data, as a member restart. The end-to-end
 * tests use it too, through this module's test-jar.
 */
public final class EtcdProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Path binary;
  private final Path dataDir;
  private final int clientPort;
  private final int peerPort;
  private final List<String> extraArgs;
  private Process process;

  private EtcdProcess(Path binary, Path dataDir, int clientPort, int peerPort,
      List<String> extraArgs) {
    this.binary = binary;
    this.dataDir = dataDir;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /** The etcd binary on the PATH, if this machine has one. */
  public static Optional<Path> findBinary() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "etcd");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Starts a member with its data under {@code dir}; {@code extraArgs} go to etcd as they are. */
  public static EtcdProcess start(Path binary, Path dir, String... extraArgs)
      throws IOException, InterruptedException {
    EtcdProcess etcd = new EtcdProcess(binary, dir.resolve("data"), freePort(), freePort(),
        List.of(extraArgs));
    etcd.start();
    return etcd;
  }

  void start() throws IOException, InterruptedException {
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "--name", "test",
        "--data-dir", dataDir.toString(),
        "--listen-client-urls", client,
        "--advertise-client-urls", client,
        "--listen-peer-urls", peer,
        "--initial-advertise-peer-urls", peer,
        "--initial-cluster", "test=" + peer));
    command.addAll(extraArgs);
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(
            dataDir.resolveSibling("etcd.log").toFile()))
        .start();
    awaitHealthy();
  }

  private void awaitHealthy() throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    URI healthUri = URI.create("http://127.0.0.1:" + clientPort + "/health");
    HttpRequest health = HttpRequest.newBuilder(healthUri).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("etcd exited with " + process.exitValue() + "; see "
            + dataDir.resolveSibling("etcd.log"));
      }
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"true\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        "etcd did not become healthy; see " + dataDir.resolveSibling("etcd.log"));
  }

  /** Kills the member as a crash would, keeping its data. */
  public void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public String endpoints() {
    return "etcd://127.0.0.1:" + clientPort;
  }

  @Override
  public void close() {
    kill();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
