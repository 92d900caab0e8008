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
 * An etcd member run as a child process on free loopback ports, for tests: a single-member
 * cluster ({@link #start}) or the members of a static cluster ({@link #startCluster}). A member can
 * be stopped and started again on the same ports and data, as a member restart. The end-to-end
 * tests use it too, through this module's test-jar.
 */
public final class EtcdProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Path binary;
  private final String name;
  private final Path dataDir;
  private final int clientPort;
  private final int peerPort;
  private final List<String> extraArgs;
  private String initialCluster;
  private Process process;

  private EtcdProcess(Path binary, String name, Path dataDir, int clientPort, int peerPort,
      List<String> extraArgs) {
    this.binary = binary;
    this.name = name;
    this.dataDir = dataDir;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
    this.extraArgs = List.copyOf(extraArgs);
    this.initialCluster = name + "=" + peerUrl();
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
    EtcdProcess etcd = new EtcdProcess(binary, "test", dir.resolve("data"), freePort(),
        freePort(), List.of(extraArgs));
    etcd.start();
    return etcd;
  }

  /**
   * Starts the {@code size} members of a static cluster ({@code --initial-cluster} naming them
   * all), member {@code i} under {@code dir/m<i>}, and returns them once every one is healthy.
   * They start together: a member is healthy only once a quorum of them has met.
   */
  public static List<EtcdProcess> startCluster(Path binary, Path dir, int size,
      String... extraArgs) throws IOException, InterruptedException {
    List<EtcdProcess> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(new EtcdProcess(binary, "m" + i, dir.resolve("m" + i).resolve("data"),
          freePort(), freePort(), List.of(extraArgs)));
    }
    String initialCluster = String.join(",", members.stream()
        .map(m -> m.name + "=" + m.peerUrl()).toList());
    try {
      for (EtcdProcess member : members) {
        member.initialCluster = initialCluster;
        Files.createDirectories(member.dataDir.getParent());
        member.launch();
      }
      for (EtcdProcess member : members) {
        member.awaitHealthy();
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      members.forEach(EtcdProcess::kill);
      throw e;
    }
    return members;
  }

  /** The client endpoints of {@code members} as {@code --datastore-endpoint} takes them. */
  public static String endpoints(List<EtcdProcess> members) {
    return "etcd://" + String.join(",", members.stream()
        .map(m -> "127.0.0.1:" + m.clientPort).toList());
  }

  /** Starts the member (again) on its ports and data, and waits until it is healthy. */
  public void start() throws IOException, InterruptedException {
    launch();
    awaitHealthy();
  }

  private void launch() throws IOException {
    String client = "http://127.0.0.1:" + clientPort;
    String peer = peerUrl();
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "--name", name,
        "--data-dir", dataDir.toString(),
        "--listen-client-urls", client,
        "--advertise-client-urls", client,
        "--listen-peer-urls", peer,
        "--initial-advertise-peer-urls", peer,
        "--initial-cluster", initialCluster));
    command.addAll(extraArgs);
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(
            dataDir.resolveSibling("etcd.log").toFile()))
        .start();
  }

  private String peerUrl() {
    return "http://127.0.0.1:" + peerPort;
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
