package io.capstan.bench.watch;

import io.capstan.bench.latency.LatencySummary;

/**
 * What the watches received.
 *
 * @param watchers watches open during the writes
 * @param changes writes made
 * @param writeSeconds how long the writes took (the rate actually achieved)
 * @param delays one sample per delivery
 * @param closedEarly watches the server closed before the end
 */
record WatchResult(int watchers, int changes, double writeSeconds, LatencySummary delays,
    int closedEarly) {

  long expected() {
    return (long) watchers * changes;
  }

  long lost() {
    return expected() - delays.count();
  }
}
