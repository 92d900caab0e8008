package io.capstan.bench.api;

import io.capstan.bench.latency.LatencySummary;
import java.util.Map;

/**
 * One pass of the workload against one server.
 *
 * @param operations requests made (every one succeeded; a failure aborts the pass)
 * @param elapsedNanos from the first worker's start to the last worker's end
 * @param latencies per operation
 * @param writes create, update and delete together
 */
record CrudResult(long operations, long elapsedNanos, Map<Operation, LatencySummary> latencies,
    LatencySummary writes) {

  CrudResult {
    latencies = Map.copyOf(latencies);
  }

  double operationsPerSecond() {
    return operations / (elapsedNanos / 1e9);
  }
}
