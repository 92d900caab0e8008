package io.capstan.bench.cluster;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.capstan.bench.Report;
import io.capstan.bench.Scenario;
import io.capstan.bench.server.CapstanServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A Deployment of {@code --replicas} (1,000 by default) on 20 simulated nodes, created and then
 * given a new image, each timed until complete; the reference is the same number of writes made
 * straight into the SQLite store. Targets: at most 3 s per step for 1,000 replicas (30 s for
 * 10,000), and at most 300 MB of server RSS afterwards at 1,000 pods.
 */
public final class RolloutScenario implements Scenario {

  static final int NODES = 20;

  @Override
  public String name() {
    return "rollout";
  }

  @Override
  public String heading() {
    return "Deployment rollout on simulated nodes";
  }

  @Override
  public Report run(Options options) throws Exception {
    Machine machine = Machine.describe();
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    Measured measured = measure(options.replicas());
    Duration rawCreate = RawStoreWrites.time(measured.times().createWrites());
    Duration rawUpdate = RawStoreWrites.time(measured.times().updateWrites());
    return new RolloutReport(machine, date, options.command(), measured.times(), rawCreate,
        rawUpdate, measured.residentBytes());
  }

  /** A full rollout of {@code replicas} on a fresh server, and the server's RSS afterwards. */
  static Measured measure(int replicas) throws Exception {
    Path dir = Files.createTempDirectory("capstan-bench-rollout");
    try (CapstanServer server = ServerLaunch.start(dir, NODES);
        KubernetesClient client = server.client()) {
      Rollout rollout = new Rollout(client);
      rollout.awaitNodes(NODES);
      RolloutTimes times = rollout.run(replicas);
      return new Measured(times, server.residentBytes());
    } finally {
      Tree.delete(dir);
    }
  }

  record Measured(RolloutTimes times, long residentBytes) {}
}
