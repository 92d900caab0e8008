package io.capstan.bench.cluster;

import io.capstan.bench.server.CapstanServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How these scenarios start the server: with the launcher's JVM flags ({@code ./capstan}: serial
 * collector, a class-data-sharing archive created on first use) and address ranges of their own so
 * they do not collide with another server running on the machine.
 */
final class ServerLaunch {

  static final List<String> CLUSTER_ARGS = List.of("--service-cidr", "127.121.0.0/16",
      "--pod-cidr", "127.122.0.0/16", "--runtime", "simulated");

  private ServerLaunch() {}

  static List<String> jvmFlags() {
    Path archive = Path.of(CapstanServer.jar()).resolveSibling("capstan-bench.jsa");
    return List.of("-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
        "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive,
        "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  /** {@code capstan server --runtime simulated --simulated-nodes nodes} in {@code dataDir}. */
  static CapstanServer start(Path dataDir, int nodes) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(CLUSTER_ARGS);
    args.addAll(List.of("--simulated-nodes", String.valueOf(nodes)));
    return CapstanServer.start(dataDir, jvmFlags(), args.toArray(String[]::new));
  }
}
