package io.capstan.bench.cluster;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.capstan.bench.Report;
import io.capstan.bench.Scenario;
import io.capstan.bench.server.CapstanServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The server's resident memory idle ({@link #IDLE_WAIT} after {@code /readyz}, one simulated node)
 * and after a full 1,000-replica rollout on 20 simulated nodes (measured again here, so the
 * scenario runs alone). Targets: 150 MB and 300 MB; the reference is k3s's published figures.
 */
public final class MemoryScenario implements Scenario {

  static final Duration IDLE_WAIT = Duration.ofSeconds(10);
  static final int PODS = 1_000;

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public String heading() {
    return "Memory";
  }

  @Override
  public Report run(Options options) throws Exception {
    Machine machine = Machine.describe();
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    long idle = idleResidentBytes();
    long loaded = RolloutScenario.measure(PODS).residentBytes();
    return new MemoryReport(machine, date, options.command(), idle, loaded);
  }

  private static long idleResidentBytes() throws Exception {
    Path dir = Files.createTempDirectory("capstan-bench-memory");
    try (CapstanServer server = ServerLaunch.start(dir, 1)) {
      // Idle means after the start-up work that follows /readyz (informers, OpenAPI) has settled.
      Thread.sleep(IDLE_WAIT.toMillis());
      return server.residentBytes();
    } finally {
      Tree.delete(dir);
    }
  }
}
