package io.capstan.bench.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy as the reference: a TCP (layer 4) proxy round-robin over the same backends, in the
 * foreground, with the settings {@link #SETTINGS} names so the docs can quote them.
 */
final class Haproxy implements AutoCloseable {

  /**
   * As close to the Capstan proxy as HAProxy's settings go: layer 4 ({@code mode tcp}),
   * round robin, no health checks (the Capstan proxy trusts slice readiness), one thread per core
   * (HAProxy's own default, as the Capstan proxy keeps Vert.x's default of two event loops per
   * core: each proxy as it ships), a connection limit far
   * above the load (the file-descriptor limit caps it), no logging; splicing is left at its default (off), as the Capstan proxy copies
   * through user space too.
   */
  static final String SETTINGS = "mode tcp, balance roundrobin, nbthread = cores (the Capstan"
      + " proxy: Vert.x's 2 event loops per core), maxconn 5000, no health checks, no logging,"
      + " no splice";

  private final Process process;
  private final Path config;
  private final int port;

  private Haproxy(Process process, Path config, int port) {
    this.process = process;
    this.config = config;
    this.port = port;
  }

  int port() {
    return port;
  }

  /** "HAProxy 2.6.12-1+deb12u3", from {@code haproxy -v}'s "HAProxy version 2.6.12-1+deb12u3 ...". */
  static String version() throws IOException, InterruptedException {
    Process probe = new ProcessBuilder("haproxy", "-v").redirectErrorStream(true).start();
    String output = new String(probe.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    probe.waitFor();
    String[] words = output.lines().findFirst().orElse("").split("\\s+");
    return words.length >= 3 ? "HAProxy " + words[2] : "HAProxy";
  }

  static boolean installed() {
    try {
      Process probe = new ProcessBuilder("haproxy", "-v").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Haproxy start(String host, int port, List<String> backends, int backendPort)
      throws IOException, InterruptedException {
    StringBuilder text = new StringBuilder("""
        global
          nbthread %d
          maxconn 5000
        defaults
          mode tcp
          timeout connect 2s
          timeout client 60s
          timeout server 60s
        frontend bench
          bind %s:%d
          default_backend backends
        backend backends
          balance roundrobin
        """.formatted(Runtime.getRuntime().availableProcessors(), host, port));
    for (int i = 0; i < backends.size(); i++) {
      text.append("  server b").append(i + 1).append(' ').append(backends.get(i)).append(':')
          .append(backendPort).append('\n');
    }
    Path config = Files.createTempFile("capstan-bench-haproxy", ".cfg");
    Files.writeString(config, text);
    Process process = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Haproxy haproxy = new Haproxy(process, config, port);
    try {
      Sockets.awaitAccepting(host, port, Duration.ofSeconds(10), process::isAlive);
    } catch (IOException | RuntimeException e) {
      haproxy.close();
      throw e;
    }
    return haproxy;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    Files.deleteIfExists(config);
  }
}
