package io.capstan.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code EndpointSliceTracker}: the generation of every slice this controller last wrote, per Service key, and the
 * slices it deleted. A sync whose informer shows an older generation, misses a slice it created, or still shows one it
 * deleted would act on a stale picture (creating a second slice for the same pods, say), so it is reported as stale and
 * retried instead.
 */
public final class SliceTracker {
  private static final long DELETION_EXPECTED = -1;

  private final Map<String, Map<String, Long>> generationsByService = new HashMap<>();

  /** Records a slice this controller just created or updated (the object the API returned). */
  public synchronized void update(String serviceKey, EndpointSlice slice) {
    generationsByService.computeIfAbsent(serviceKey, k -> new HashMap<>())
        .put(slice.getMetadata().getUid(), generation(slice));
  }

  public synchronized void expectDeletion(String serviceKey, EndpointSlice slice) {
    generationsByService.computeIfAbsent(serviceKey, k -> new HashMap<>())
        .put(slice.getMetadata().getUid(), DELETION_EXPECTED);
  }

  /** The informer reported the slice gone. */
  public synchronized void deleted(String serviceKey, EndpointSlice slice) {
    Map<String, Long> generations = generationsByService.get(serviceKey);
    if (generations != null) {
      generations.remove(slice.getMetadata().getUid());
    }
  }

  public synchronized void forgetService(String serviceKey) {
    generationsByService.remove(serviceKey);
  }

  /** The informer's slices of the Service lag behind this controller's own writes. */
  public synchronized boolean stale(String serviceKey, List<EndpointSlice> slices) {
    Map<String, Long> generations = generationsByService.get(serviceKey);
    if (generations == null) {
      return false;
    }
    Map<String, Long> seen = new HashMap<>();
    for (EndpointSlice slice : slices) {
      seen.put(slice.getMetadata().getUid(), generation(slice));
      Long written = generations.get(slice.getMetadata().getUid());
      if (written != null && (written == DELETION_EXPECTED || written > generation(slice))) {
        return true;
      }
    }
    return generations.entrySet().stream()
        .anyMatch(e -> e.getValue() != DELETION_EXPECTED && !seen.containsKey(e.getKey()));
  }

  private static long generation(EndpointSlice slice) {
    return slice.getMetadata().getGeneration() == null ? 0 : slice.getMetadata().getGeneration();
  }

  /** Thrown when a sync found the cache behind this controller's writes; the runner retries with backoff. */
  public static final class StaleCacheException extends RuntimeException {
    public StaleCacheException(String serviceKey) {
      super("EndpointSlice informer cache is out of date for " + serviceKey);
    }
  }
}
