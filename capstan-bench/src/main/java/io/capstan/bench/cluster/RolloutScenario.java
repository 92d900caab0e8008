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
 * A Deployment of {@code --replicas} (1,000 by default) on 20 simulated nodes (more when the
 * replicas and their 25% surge do not fit 20 nodes' pod capacity, see {@link #nodesFor}), created and then
 * given a new image, each timed until complete; the reference is the same number of writes made
 * straight into the SQLite store. Targets: at most 3 s per step for 1,000 replicas (30 s for
 * 10,000), and at most 300 MB of server RSS afterwards at 1,000 pods.
 */
public final class RolloutScenario implements Scenario {

  static final int NODES = 20;
  /** A simulated node's pod capacity (SimulatedNodesConfig's default allocatable). */
  static final int PODS_PER_NODE = 110;

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
    return new RolloutReport(machine, date, options.command(), nodesFor(options.replicas()),
        measured.times(), rawCreate,
        rawUpdate, measured.residentBytes());
  }

  /**
   * 20 nodes, or as many as the replicas plus their 25% surge need at {@link #PODS_PER_NODE}
   * each: 10,000 replicas cannot finish on 20 nodes (2,200 pods fit), there is no capacity flag.
   */
  static int nodesFor(int replicas) {
    int needed = (int) Math.ceil(replicas * 1.25 / PODS_PER_NODE);
    return Math.max(NODES, needed);
  }

  /** A full rollout of {@code replicas} on a fresh server, and the server's RSS afterwards. */
  static Measured measure(int replicas) throws Exception {
    Path dir = Files.createTempDirectory("capstan-bench-rollout");
    int nodes = nodesFor(replicas);
    try (CapstanServer server = ServerLaunch.start(dir, nodes);
        KubernetesClient client = server.client()) {
      Rollout rollout = new Rollout(client);
      rollout.awaitNodes(nodes);
      RolloutTimes times = rollout.run(replicas);
      return new Measured(times, server.residentBytes());
    } finally {
      Tree.delete(dir);
    }
  }

  record Measured(RolloutTimes times, long residentBytes) {}
}
