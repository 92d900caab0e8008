package io.capstan.bench.cluster;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.capstan.bench.Report;
import io.capstan.bench.Scenario;
import io.capstan.bench.server.CapstanServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server launch to the first {@code ok} from {@code /readyz}, on an empty data directory and on
 * one holding {@link #OBJECTS} ConfigMaps; the median of {@link #RUNS} starts each, after one
 * discarded start that writes the class-data-sharing archive. Targets: 2 s and 4 s.
 */
public final class StartupScenario implements Scenario {

  static final int RUNS = 3;
  static final int OBJECTS = 10_000;
  private static final int CREATORS = 16;

  @Override
  public String name() {
    return "startup";
  }

  @Override
  public String heading() {
    return "Start-up";
  }

  @Override
  public Report run(Options options) throws Exception {
    Machine machine = Machine.describe();
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    Path root = Files.createTempDirectory("capstan-bench-startup");
    try {
      startOnce(root.resolve("warm-up"));
      List<Duration> empty = new ArrayList<>();
      for (int run = 0; run < RUNS; run++) {
        empty.add(startOnce(root.resolve("empty-" + run)));
      }
      Path full = root.resolve("full");
      populate(full);
      List<Duration> populated = new ArrayList<>();
      for (int run = 0; run < RUNS; run++) {
        populated.add(startOnce(full));
      }
      return new StartupReport(machine, date, options.command(), empty, populated);
    } finally {
      Tree.delete(root);
    }
  }

  private static Duration startOnce(Path dataDir) throws Exception {
    try (CapstanServer server = ServerLaunch.start(dataDir, 1)) {
      return server.startToReady();
    }
  }

  /** {@link #OBJECTS} ConfigMaps created through the API by {@link #CREATORS} threads. */
  private static void populate(Path dataDir) throws Exception {
    try (CapstanServer server = ServerLaunch.start(dataDir, 1);
        KubernetesClient client = server.client();
        ExecutorService pool = Executors.newFixedThreadPool(CREATORS)) {
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> creators = new ArrayList<>();
      for (int c = 0; c < CREATORS; c++) {
        creators.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < OBJECTS; i = next.getAndIncrement()) {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("config-" + i).endMetadata()
                .addToData("key", "value-" + i).build()).create();
          }
        }));
      }
      for (Future<?> creator : creators) {
        creator.get();
      }
    }
  }
}
