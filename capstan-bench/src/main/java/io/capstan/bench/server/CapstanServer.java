package io.capstan.bench.server;

import io.capstan.apiserver.tls.Pem;
import io.capstan.apiserver.tls.TlsContexts;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The real {@code capstan server} for a benchmark: the runnable jar ({@code -Dcapstan.jar}, which
 * {@code bin/bench} builds and passes) started as {@code ./capstan} starts it, in its own data
 * directory on a free port, over HTTPS with its own CA and admin kubeconfig. Figures measured
 * through it include everything a user pays: TLS, authentication, the durable store.
 */
public final class CapstanServer implements AutoCloseable {

  private static final Pattern SERVER = Pattern.compile("server: (\\S+)");

  private final Path dataDir;
  private final Process process;
  private final String url;
  private final long startedNanos;
  private final long readyNanos;

  private CapstanServer(Path dataDir, Process process, String url, long startedNanos,
      long readyNanos) {
    this.dataDir = dataDir;
    this.process = process;
    this.url = url;
    this.startedNanos = startedNanos;
    this.readyNanos = readyNanos;
  }

  /**
   * Starts {@code capstan server --data-dir dataDir --port 0 args...} with {@code jvm}'s flags and
   * environment and returns once {@code /readyz} answers {@code ok} (at most two minutes).
   */
  public static CapstanServer start(Path dataDir, JvmOptions jvm, String... args)
      throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    Path kubeconfig = dataDir.resolve("kubeconfig.yaml");
    Files.deleteIfExists(kubeconfig);
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(jvm.flags());
    // For profiling the server under a scenario, e.g. a flight recording:
    // BENCH_SERVER_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/server.jfr
    String extra = System.getenv().getOrDefault("BENCH_SERVER_JAVA_OPTS", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-jar", jar(), "server", "--data-dir", dataDir.toString(),
        "--port", "0"));
    command.addAll(List.of(args));
    long started = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
    builder.environment().putAll(jvm.environment());
    Process process = builder.start();
    long deadline = started + TimeUnit.MINUTES.toNanos(2);
    String url = null;
    HttpClient http = null;
    try {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("capstan server exited with " + process.exitValue()
              + "; see " + dataDir.resolve("server.log"));
        }
        if (url == null && Files.exists(kubeconfig)) {
          Matcher m = SERVER.matcher(Files.readString(kubeconfig));
          url = m.find() ? m.group(1) : null;
          // The CA is written before the kubeconfig; one client serves every poll, so the
          // measured start-up does not include building TLS contexts over and over.
          http = url == null ? null : HttpClient.newBuilder().sslContext(trust(dataDir)).build();
        }
        if (http != null && ready(http, url)) {
          return new CapstanServer(dataDir, process, url, started, System.nanoTime());
        }
        Thread.sleep(10);
      }
    } finally {
      if (http != null) {
        http.close();
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("capstan server was not ready within two minutes");
  }

  private static boolean ready(HttpClient http, String url) throws InterruptedException {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/readyz"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().equals("ok");
    } catch (IOException e) {
      return false;
    }
  }

  /** A TLS context trusting the server's CA ({@code DATA/tls/ca.crt}). */
  public static SSLContext trust(Path dataDir) throws IOException {
    String ca = Files.readString(dataDir.resolve("tls").resolve("ca.crt"));
    return TlsContexts.clientContext(Pem.decodeCertificates(ca).getFirst(), Optional.empty());
  }

  /** A fabric8 client from the server's admin kubeconfig; the caller closes it. */
  public KubernetesClient client() throws IOException {
    return new KubernetesClientBuilder().withConfig(
        Config.fromKubeconfig(Files.readString(kubeconfig()))).build();
  }

  public Path kubeconfig() {
    return dataDir.resolve("kubeconfig.yaml");
  }

  public Path dataDir() {
    return dataDir;
  }

  public String url() {
    return url;
  }

  /** From launching the JVM to the first {@code ok} from {@code /readyz}. */
  public Duration startToReady() {
    return Duration.ofNanos(readyNanos - startedNanos);
  }

  /** The server process's resident memory now, from {@code /proc/<pid>/status} (VmRSS). */
  public long residentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()),
        "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS for process " + process.pid());
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM and wait up to 30 s, then SIGKILL. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** The runnable jar, from {@code -Dcapstan.jar} (set by {@code bin/bench}). */
  public static String jar() {
    String jar = System.getProperty("capstan.jar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      throw new IllegalStateException("the capstan jar is missing: " + jar
          + " (run the benchmarks through bin/bench, which builds it)");
    }
    return jar;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
