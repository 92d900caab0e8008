package io.capstan.bench.api;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.capstan.bench.Report;
import io.capstan.bench.Scenario;
import io.capstan.bench.server.CapstanServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;

/**
 * ConfigMap CRUD with the fabric8 client, 16 workers, against the real server and fabric8's
 * KubernetesMockServer in CRUD mode. Targets: at least twice the mock server's operations/s with
 * durable storage, and a p99 of at most 20 ms for single-object writes.
 *
 * <p>A short calibration pass against Capstan (also its warm-up) sizes the workload so the
 * measured pass on Capstan lasts about 15 s; both servers then get a discarded warm-up pass of
 * that size and one measured pass of it.
 */
public final class ApiScenario implements Scenario {

  static final int WORKERS = 16;
  static final String NAMESPACE = "bench-api";
  private static final int CALIBRATION_OBJECTS = 25;
  private static final double MEASURED_SECONDS = 15;

  /** Flags as the {@code ./capstan} launcher passes them (minus its class-data archive). */
  public static final List<String> SERVER_JVM_FLAGS =
      List.of("-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED");

  @Override
  public String name() {
    return "api";
  }

  @Override
  public String heading() {
    return "API: ConfigMap CRUD, 16 concurrent";
  }

  @Override
  public Report run(Options options) throws Exception {
    Machine machine = Machine.describe();
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    Path dataDir = Files.createTempDirectory("capstan-bench-api");
    CrudResult capstan;
    CrudResult mock;
    int objects;
    try (CapstanServer server = CapstanServer.start(dataDir, SERVER_JVM_FLAGS,
        "--runtime", "simulated", "--service-cidr", "127.121.0.0/16",
        "--pod-cidr", "127.122.0.0/16");
        KubernetesClient client = server.client()) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName(NAMESPACE).endMetadata().build()).create();
      CrudResult calibration =
          new CrudWorkload(WORKERS, CALIBRATION_OBJECTS, NAMESPACE).run(client, "calibrate");
      objects = objectsFor(calibration.operationsPerSecond());
      System.err.printf("bench: api calibration %.0f ops/s -> %d objects per worker%n",
          calibration.operationsPerSecond(), objects);
      CrudWorkload workload = new CrudWorkload(WORKERS, objects, NAMESPACE);
      workload.run(client, "warmup");
      capstan = workload.run(client, "measured");
    }
    KubernetesMockServer mockServer = new KubernetesMockServer(new Context(),
        new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), true);
    mockServer.init();
    try (KubernetesClient client = mockServer.createClient()) {
      CrudWorkload workload = new CrudWorkload(WORKERS, objects, NAMESPACE);
      workload.run(client, "warmup");
      mock = workload.run(client, "measured");
    } finally {
      mockServer.destroy();
    }
    return new ApiReport(machine, date, options, WORKERS, objects, capstan, mock);
  }

  /** Objects per worker for a measured pass of about 15 s at the calibrated rate (20–5,000). */
  static int objectsFor(double operationsPerSecond) {
    double perObject = WORKERS * Operation.values().length;
    long objects = Math.round(operationsPerSecond * MEASURED_SECONDS / perObject);
    return (int) Math.max(20, Math.min(5_000, objects));
  }
}
