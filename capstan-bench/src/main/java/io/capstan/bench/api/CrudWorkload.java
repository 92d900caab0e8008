package io.capstan.bench.api;

import io.capstan.bench.latency.LatencyRecorder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code workers} threads sharing one fabric8 client (as an application's threads would); each
 * makes, for each of its {@code objects} ConfigMaps in turn, a create, a get, a list of its own
 * label, an update of the data and a delete, timing every request separately.
 */
record CrudWorkload(int workers, int objects, String namespace) {

  CrudResult run(KubernetesClient client, String pass) throws Exception {
    List<Map<Operation, LatencyRecorder>> perWorker = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Map<Operation, LatencyRecorder> recorders = new EnumMap<>(Operation.class);
      for (Operation op : Operation.values()) {
        recorders.put(op, new LatencyRecorder());
      }
      perWorker.add(recorders);
    }
    long started;
    long elapsed;
    try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
      List<Future<?>> done = new ArrayList<>();
      started = System.nanoTime();
      for (int w = 0; w < workers; w++) {
        String worker = pass + "-w" + w;
        Map<Operation, LatencyRecorder> recorders = perWorker.get(w);
        done.add(pool.submit(() -> {
          runWorker(client, worker, recorders);
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
      elapsed = System.nanoTime() - started;
    }
    Map<Operation, LatencyRecorder> merged = new EnumMap<>(Operation.class);
    LatencyRecorder writes = new LatencyRecorder();
    long operations = 0;
    for (Operation op : Operation.values()) {
      LatencyRecorder all = new LatencyRecorder();
      perWorker.forEach(recorders -> all.addAll(recorders.get(op)));
      merged.put(op, all);
      operations += all.count();
      if (op.write) {
        writes.addAll(all);
      }
    }
    Map<Operation, io.capstan.bench.latency.LatencySummary> summaries =
        new EnumMap<>(Operation.class);
    merged.forEach((op, recorder) -> summaries.put(op, recorder.summary()));
    return new CrudResult(operations, elapsed, summaries, writes.summary());
  }

  private void runWorker(KubernetesClient client, String worker,
      Map<Operation, LatencyRecorder> recorders) {
    var configMaps = client.configMaps().inNamespace(namespace);
    for (int i = 0; i < objects; i++) {
      String name = worker + "-" + i;
      ConfigMap object = new ConfigMapBuilder().withNewMetadata().withName(name)
          .addToLabels("bench-worker", worker).endMetadata()
          .addToData("value", "0").build();
      long t0 = System.nanoTime();
      ConfigMap created = configMaps.resource(object).create();
      long t1 = System.nanoTime();
      ConfigMap read = configMaps.withName(name).get();
      long t2 = System.nanoTime();
      int listed = configMaps.withLabel("bench-worker", worker).list().getItems().size();
      long t3 = System.nanoTime();
      read.getData().put("value", "1");
      configMaps.resource(read).update();
      long t4 = System.nanoTime();
      configMaps.withName(name).delete();
      long t5 = System.nanoTime();
      if (created == null || listed < 1) {
        throw new IllegalStateException("worker " + worker + " saw " + listed
            + " objects of its own label, not its newest");
      }
      recorders.get(Operation.CREATE).record(t1 - t0);
      recorders.get(Operation.GET).record(t2 - t1);
      recorders.get(Operation.LIST).record(t3 - t2);
      recorders.get(Operation.UPDATE).record(t4 - t3);
      recorders.get(Operation.DELETE).record(t5 - t4);
    }
  }
}
