package io.capstan.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Watches every pod event of one namespace from a known starting list and keeps, after each event,
 * a snapshot of the pods that count for a rollout's limits: pods that are neither terminating
 * (deletionTimestamp set) nor finished. Tests then check an invariant against every snapshot —
 * "at any moment" means after every event the API server sent.
 */
final class PodCensus implements AutoCloseable {

  /** The counted pods after one event, grouped by their pod-template-hash. */
  record Snapshot(String event, Map<String, Integer> podsByHash, Map<String, Integer> readyByHash,
      Map<String, Integer> terminatingByHash) {

    int pods() {
      return podsByHash.values().stream().mapToInt(Integer::intValue).sum();
    }

    int ready() {
      return readyByHash.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Whether any pod of template {@code hash} exists, counted or terminating. */
    boolean hasAny(String hash) {
      return podsByHash.containsKey(hash) || terminatingByHash.containsKey(hash);
    }
  }

  private final Map<String, Pod> pods = new LinkedHashMap<>();
  private final List<Snapshot> snapshots = new ArrayList<>();
  private final Watch watch;
  private String closedBy;

  private PodCensus(KubernetesClient client, String namespace) {
    var list = client.pods().inNamespace(namespace).list();
    synchronized (this) {
      list.getItems().forEach(p -> pods.put(p.getMetadata().getName(), p));
      snapshots.add(snapshot("LIST"));
    }
    watch = client.pods().inNamespace(namespace)
        .withResourceVersion(list.getMetadata().getResourceVersion())
        .watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, Pod pod) {
            record(action, pod);
          }

          @Override
          public void onClose(WatcherException cause) {
            synchronized (PodCensus.this) {
              closedBy = String.valueOf(cause);
            }
          }
        });
  }

  static PodCensus watch(KubernetesClient client, String namespace) {
    return new PodCensus(client, namespace);
  }

  private synchronized void record(Watcher.Action action, Pod pod) {
    String name = pod.getMetadata().getName();
    if (action == Watcher.Action.DELETED) {
      pods.remove(name);
    } else if (action != Watcher.Action.BOOKMARK) {
      pods.put(name, pod);
    }
    snapshots.add(snapshot(action + " " + name));
  }

  private Snapshot snapshot(String event) {
    Map<String, Integer> byHash = new LinkedHashMap<>();
    Map<String, Integer> readyByHash = new LinkedHashMap<>();
    Map<String, Integer> terminating = new LinkedHashMap<>();
    for (Pod pod : pods.values()) {
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
        continue;
      }
      String hash = pod.getMetadata().getLabels().getOrDefault("pod-template-hash", "");
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        terminating.merge(hash, 1, Integer::sum);
        continue;
      }
      byHash.merge(hash, 1, Integer::sum);
      if (isReady(pod)) {
        readyByHash.merge(hash, 1, Integer::sum);
      }
    }
    return new Snapshot(event, byHash, readyByHash, terminating);
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Every snapshot so far, oldest first. */
  synchronized List<Snapshot> snapshots() {
    if (closedBy != null) {
      throw new IllegalStateException("the pod watch closed: " + closedBy);
    }
    return List.copyOf(snapshots);
  }

  /** The snapshots that break {@code invariant}, to show in a failed assertion. */
  synchronized List<Snapshot> violations(Predicate<Snapshot> invariant) {
    return snapshots().stream().filter(invariant.negate()).toList();
  }

  synchronized Snapshot latest() {
    return snapshots.getLast();
  }

  @Override
  public void close() {
    watch.close();
  }
}
