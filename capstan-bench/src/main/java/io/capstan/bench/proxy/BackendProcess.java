package io.capstan.bench.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link Backend} JVM started from this JVM's own java and classpath. */
final class BackendProcess implements AutoCloseable {

  private final Process process;

  private BackendProcess(Process process) {
    this.process = process;
  }

  static BackendProcess start(int port, List<String> addresses) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), Backend.class.getName(),
        Integer.toString(port)));
    command.addAll(addresses);
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (!"ready".equals(line)) {
      process.destroyForcibly();
      throw new IOException("the backend process did not start (it said " + line + ")");
    }
    return new BackendProcess(process);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
