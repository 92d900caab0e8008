package io.capstan.bench.wrk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code wrk --latency} against one URL.
 *
 * @param threads wrk's {@code -t}
 * @param connections wrk's {@code -c}
 * @param closeEachConnection sends {@code Connection: close}, so every request opens a new
 *     connection; otherwise wrk keeps its connections alive
 */
public record Wrk(int threads, int connections, boolean closeEachConnection) {

  /** Whether a {@code wrk} is on PATH. */
  public static boolean installed() {
    try {
      Process process = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      process.waitFor(10, TimeUnit.SECONDS);
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public List<String> command(String url, Duration duration) {
    List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
        "-d" + Math.max(1, duration.toSeconds()) + "s", "--latency"));
    if (closeEachConnection) {
      command.addAll(List.of("-H", "Connection: close"));
    }
    command.add(url);
    return command;
  }

  public WrkResult run(String url, Duration duration) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command(url, duration)).redirectErrorStream(true).start();
    String output;
    try {
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
        throw new IOException("wrk did not finish against " + url);
      }
    } finally {
      process.destroyForcibly();
    }
    if (process.exitValue() != 0) {
      throw new IOException("wrk failed against " + url + ":\n" + output);
    }
    return WrkResult.parse(output);
  }
}
