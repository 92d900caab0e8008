package io.capstan.bench.cluster;

import io.capstan.bench.server.CapstanServer;
import io.capstan.bench.server.JvmOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How these scenarios start the server: with the launcher's JVM flags ({@code bin/jvm.options} and,
 * as {@code ./capstan} adds, a class-data-sharing archive created on first use) and address ranges
 * of their own so they do not collide with another server running on the machine.
 */
final class ServerLaunch {

  // Simulated pods run and turn ready as soon as they are bound (kwok's default), so a rollout's
  // time is the control plane's own rather than a fixed per-pod delay.
  static final List<String> CLUSTER_ARGS = List.of("--service-cidr", "127.121.0.0/16",
      "--pod-cidr", "127.122.0.0/16", "--runtime", "simulated", "--simulated-pod-delay", "0s");

  private ServerLaunch() {}

  static JvmOptions jvmOptions() {
    Path archive = Path.of(CapstanServer.jar()).resolveSibling("capstan-bench.jsa");
    return JvmOptions.launcher().plus(List.of(
        "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive,
        "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
  }

  /** {@code capstan server --runtime simulated --simulated-nodes nodes} in {@code dataDir}. */
  static CapstanServer start(Path dataDir, int nodes) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(CLUSTER_ARGS);
    args.addAll(List.of("--simulated-nodes", String.valueOf(nodes)));
    return CapstanServer.start(dataDir, jvmOptions(), args.toArray(String[]::new));
  }
}
