package io.capstan.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class-data-sharing archive of what {@code capstan kubectl} loads, so that the suites' many
 * short {@code capstan kubectl} runs start in about half the time (as the {@code capstan} launcher
 * does for users). It is made once per build, next to the jar, by a run against a refused address
 * — which loads the whole client stack without needing a server — and moved into place whole, so
 * that concurrent tests never map a half-written archive.
 */
final class KubectlArchive {

  private KubectlArchive() {}

  /** The JVM flags that use the archive, creating it first if this build has none yet. */
  static synchronized List<String> jvmFlags() {
    Path jar = Path.of(CapstanProcess.jar());
    Path archive = jar.resolveSibling("capstan-kubectl-e2e.jsa");
    List<String> flags = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    try {
      if (!Files.exists(archive)
          || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
        create(jar, archive, flags);
      }
    } catch (IOException | InterruptedException e) {
      return flags;
    }
    return Files.exists(archive) ? concat(flags, "-XX:SharedArchiveFile=" + archive) : flags;
  }

  private static void create(Path jar, Path archive, List<String> flags)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(jar.getParent(), "kubectl-archive");
    Path kubeconfig = dir.resolve("refused.yaml");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        current-context: c
        """);
    Path temp = dir.resolve("archive.jsa");
    List<String> command = new ArrayList<>(List.of(CapstanProcess.java()));
    command.addAll(flags);
    command.addAll(List.of("-XX:ArchiveClassesAtExit=" + temp, "-jar", jar.toString(), "kubectl",
        "--kubeconfig=" + kubeconfig, "get", "pods"));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
    if (process.waitFor(60, TimeUnit.SECONDS) && Files.exists(temp)) {
      Files.move(temp, archive, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } else {
      process.destroyForcibly();
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }

  private static List<String> concat(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }
}
