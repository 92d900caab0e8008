package io.capstan.e2e;

import static org.awaitility.Awaitility.await;

import io.capstan.apiserver.tls.Pem;
import io.capstan.apiserver.tls.TlsContexts;
import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The real {@code capstan server}, started as a user would start it (the runnable jar on a JDK
 * 21+), in its own data directory and on a free port. Its output goes to a log file in that
 * directory, which failing tests print.
 */
final class CapstanProcess implements AutoCloseable {

  private static final Pattern SERVER = Pattern.compile("server: (\\S+)");

  private final Path dataDir;
  private final List<String> extraArgs;
  private Process process;
  private String url;

  private CapstanProcess(Path dataDir, List<String> extraArgs) {
    this.dataDir = dataDir;
    this.extraArgs = extraArgs;
  }

  /** Starts a server in {@code dataDir} and waits until it answers /readyz. */
  static CapstanProcess start(Path dataDir, String... extraArgs) throws IOException {
    CapstanProcess capstan = new CapstanProcess(dataDir, List.of(extraArgs));
    capstan.launch();
    return capstan;
  }

  /**
   * Runs {@code capstan server} with arguments it should refuse, and returns its exit code and
   * output once it has exited (at most 60 s).
   */
  static Refusal refuse(Path dataDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar(), "server",
        "--data-dir", dataDir.toString(), "--port", "0"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("capstan server did not exit:\n" + output);
    }
    return new Refusal(process.exitValue(), output);
  }

  /** What {@link #refuse} saw. */
  record Refusal(int exitCode, String output) {}

  void launch() throws IOException {
    Files.deleteIfExists(kubeconfig());
    List<String> command = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC",
        "--enable-native-access=ALL-UNNAMED", "-jar", jar(),
        "server", "--data-dir", dataDir.toString(), "--port", "0"));
    command.addAll(extraArgs);
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()))
        .start();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("capstan server exited with " + process.exitValue()
            + ":\n" + log());
      }
      return Files.exists(kubeconfig());
    });
    Matcher m = SERVER.matcher(Files.readString(kubeconfig()));
    if (!m.find()) {
      throw new IllegalStateException("no server URL in " + kubeconfig());
    }
    url = m.group(1);
    // A cold JVM's first TLS handshakes are slow on a busy machine: keep asking until it answers.
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> "ok".equals(get("/readyz")));
  }

  String url() {
    return url;
  }

  Path kubeconfig() {
    return dataDir.resolve("kubeconfig.yaml");
  }

  Path dataDir() {
    return dataDir;
  }

  String log() {
    try {
      return Files.readString(dataDir.resolve("server.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** GET {@code path} without credentials, trusting the server's CA. */
  String get(String path) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newBuilder().sslContext(trust()).build()) {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.body();
    }
  }

  /** The server's CA certificate, which it created in its data directory on first start. */
  Path caCertificate() {
    return dataDir.resolve("tls").resolve("ca.crt");
  }

  /** A TLS context trusting this server's CA, for raw HTTPS requests. */
  SSLContext trust() throws IOException {
    String ca = Files.readString(caCertificate());
    return TlsContexts.clientContext(Pem.decodeCertificates(ca).getFirst(), Optional.empty());
  }

  /**
   * The identity this server campaigns with for the controllers' Lease: its host name and the id
   * in its data directory.
   */
  String leaderIdentity() throws IOException {
    String id = Files.readString(dataDir.resolve("leader-id")).trim().substring(0, 12);
    return java.net.InetAddress.getLocalHost().getHostName() + "_" + id;
  }

  /** SIGKILL: the crash case; nothing gets to clean up. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM and wait: the orderly stop. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      stop();
    }
  }

  static String jar() {
    String jar = System.getProperty("capstan.jar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      throw new IllegalStateException("the capstan jar is missing: " + jar
          + " (build the capstan-cli module first)");
    }
    return jar;
  }

  static String java() {
    return System.getProperty("capstan.java", Path.of(System.getProperty("java.home"), "bin",
        "java").toString());
  }
}
