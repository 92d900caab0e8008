package io.capstan.controllers.nodelifecycle;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Reconciler;
import io.capstan.controller.runtime.Result;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SharedInformers;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every Node's heartbeats and acts when they stop, reconciling one Node at a time (its
 * key comes from Node, Lease and Pod events, and from the requeue at the moment its grace period
 * would run out):
 *
 * <ol>
 *   <li>a Node not heard from for the grace period gets Unknown conditions ({@link
 *       NodeStatusUnknown});
 *   <li>its taints follow its Ready condition ({@link ConditionTaints});
 *   <li>while it is Unknown its pods' Ready condition is False, as {@code MarkPodsNotReady};
 *   <li>pods on a Node with NoExecute taints are deleted when their tolerations run out ({@link
 *       TaintEviction}), after a {@code DisruptionTarget} condition says why.
 * </ol>
 *
 * Every write starts from the cached object with its resourceVersion, so a write that races the
 * node agent fails with a conflict and the reconcile is retried on fresher data.
 */
public final class NodeLifecycleController implements Reconciler {

  public static final String NAME = "node-lifecycle-controller";

  private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycleController.class);
  private static final String LEASE_NAMESPACE = "kube-node-lease";
  /** Past the exact deadline, so the requeued reconcile finds the grace period over. */
  private static final Duration SLACK = Duration.ofMillis(50);

  private final KubernetesClient client;
  private final Clock clock;
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<Lease> leases;
  private final SharedIndexInformer<Pod> pods;
  private final EventRecorder events;
  private final NodeMonitorSettings settings;
  private final HeartbeatTracker heartbeats = new HeartbeatTracker();
  /** When taints without a timeAdded were first seen, by node and taint. */
  private final Map<String, Map<String, Instant>> taintsSeen = new ConcurrentHashMap<>();

  NodeLifecycleController(KubernetesClient client, Clock clock, SharedIndexInformer<Node> nodes,
      SharedIndexInformer<Lease> leases, SharedIndexInformer<Pod> pods, EventRecorder events,
      NodeMonitorSettings settings) {
    this.client = client;
    this.clock = clock;
    this.nodes = nodes;
    this.leases = leases;
    this.pods = pods;
    this.events = events;
    this.settings = settings;
  }

  /** The controller over shared informers, ready to {@link Controller#start()}. */
  public static Controller create(KubernetesClient client, SharedInformers informers, Clock clock,
      Scheduler scheduler, EventRecorder events, NodeMonitorSettings settings) {
    SharedIndexInformer<Node> nodes = informers.of(Node.class);
    SharedIndexInformer<Lease> leases = informers.of(Lease.class);
    SharedIndexInformer<Pod> pods = informers.of(Pod.class);
    return Controller.builder("node-lifecycle", new NodeLifecycleController(client, clock, nodes,
            leases, pods, events, settings))
        .watch(nodes)
        .watch(leases, lease -> LEASE_NAMESPACE.equals(lease.getMetadata().getNamespace())
            ? List.of(lease.getMetadata().getName()) : List.of())
        // A pod matters only on a node whose pods are being marked or evicted; on a healthy
        // node its events (most of a busy cluster's) would reconcile the node for nothing.
        .watch(pods, pod -> pod.getSpec() == null || pod.getSpec().getNodeName() == null
            || healthy(nodes.getStore().getByKey(pod.getSpec().getNodeName()))
            ? List.of() : List.of(pod.getSpec().getNodeName()))
        .workers(2)
        .time(clock, scheduler)
        .backoff(Duration.ofMillis(200), Duration.ofSeconds(30))
        .build();
  }

  @Override
  public Result reconcile(String key) {
    Node node = nodes.getStore().getByKey(key);
    if (node == null) {
      heartbeats.forget(key);
      taintsSeen.remove(key);
      return Result.done();
    }
    Instant now = clock.instant();
    List<NodeCondition> conditions = node.getStatus() == null
        || node.getStatus().getConditions() == null ? List.of()
        : node.getStatus().getConditions();
    Optional<NodeCondition> ready = conditions.stream()
        .filter(c -> "Ready".equals(c.getType())).findFirst();
    Instant heard = heartbeats.lastHeard(key, heartbeat(ready, lease(key)), now);
    Duration grace = ready.isPresent() ? settings.gracePeriod() : settings.startupGracePeriod();
    Instant deadline = heard.plus(grace);
    Node current = node;
    if (!now.isBefore(deadline)) {
      Optional<List<NodeCondition>> unknown = NodeStatusUnknown.markUnknown(conditions,
          node.getMetadata().getCreationTimestamp(), now);
      if (unknown.isPresent()) {
        current = writeConditions(node, unknown.get());
        LOG.info("node stopped posting its status node={} silentFor={}", key,
            Duration.between(heard, now));
        events.normal(node, "NodeNotReady", "Node " + key + " status is now: NodeNotReady");
      }
    }
    String readyStatus = readyStatus(current);
    List<Taint> taints = taints(current);
    List<Taint> wanted = ConditionTaints.desired(taints, readyStatus, now);
    if (!wanted.equals(taints)) {
      current = writeTaints(current, wanted);
      LOG.info("node taints follow Ready={} node={} taints={}", readyStatus, key,
          wanted.stream().map(t -> t.getKey() + ":" + t.getEffect()).toList());
      taints = wanted;
    }
    Optional<Instant> next = now.isBefore(deadline) ? Optional.of(deadline) : Optional.empty();
    boolean noExecute = taints.stream().anyMatch(t -> "NoExecute".equals(t.getEffect()));
    // Pods are marked only while the node is really silent: once it is heard from again its
    // agent reports them itself, and marking them meanwhile would only fight it.
    boolean silent = "Unknown".equals(readyStatus) && !now.isBefore(deadline);
    if (noExecute || silent) {
      Optional<Instant> eviction = reconcilePods(key, silent, taints, now);
      next = earliest(next, eviction);
    } else {
      taintsSeen.remove(key);
    }
    return next.map(at -> Result.requeueAfter(Duration.between(now, at).plus(SLACK)))
        .orElse(Result.done());
  }

  /** Marks and evicts the node's pods; the next eviction still to come, if any. */
  private Optional<Instant> reconcilePods(String node, boolean silent, List<Taint> taints,
      Instant now) {
    Map<String, Instant> seen = rememberTaints(node, taints, now);
    Optional<Instant> next = Optional.empty();
    for (Pod pod : pods.getStore().list()) {
      if (pod.getSpec() == null || !node.equals(pod.getSpec().getNodeName())
          || pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      if (silent) {
        PodNotReady.markNotReady(pod, now).ifPresent(status -> {
          PodWrites.updateStatus(client, pod, status);
          events.normal(pod, "NodeNotReady", "Node is not ready");
        });
      }
      Optional<Instant> due = TaintEviction.evictionTime(pod, taints,
          taint -> Times.parse(taint.getTimeAdded())
              .orElseGet(() -> seen.getOrDefault(taintKey(taint), now)));
      if (due.isEmpty()) {
        continue;
      }
      if (!now.isBefore(due.get())) {
        events.normal(pod, "TaintManagerEviction", "Marking for deletion Pod "
            + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
        PodWrites.evict(client, pod, now);
        LOG.info("evicted pod namespace={} name={} node={}", pod.getMetadata().getNamespace(),
            pod.getMetadata().getName(), node);
      } else {
        next = earliest(next, due);
      }
    }
    return next;
  }

  private Map<String, Instant> rememberTaints(String node, List<Taint> taints, Instant now) {
    Map<String, Instant> previous = taintsSeen.getOrDefault(node, Map.of());
    Map<String, Instant> current = new HashMap<>();
    for (Taint taint : taints) {
      current.put(taintKey(taint), previous.getOrDefault(taintKey(taint), now));
    }
    taintsSeen.put(node, current);
    return current;
  }

  private static String taintKey(Taint taint) {
    return taint.getKey() + "=" + taint.getValue() + ":" + taint.getEffect();
  }

  private Optional<Lease> lease(String node) {
    return Optional.ofNullable(leases.getStore().getByKey(LEASE_NAMESPACE + "/" + node));
  }

  /** What changes whenever the node's agent is alive: its Lease renewal and Ready heartbeat. */
  private static String heartbeat(Optional<NodeCondition> ready, Optional<Lease> lease) {
    String renewed = lease.map(l -> l.getSpec() == null ? null : l.getSpec().getRenewTime())
        .map(String::valueOf).orElse("");
    return ready.map(NodeCondition::getLastHeartbeatTime).orElse("") + "|" + renewed;
  }

  private Node writeConditions(Node node, List<NodeCondition> conditions) {
    Node updated = new NodeBuilder(node).editOrNewStatus().withConditions(conditions)
        .endStatus().build();
    return client.nodes().resource(updated).updateStatus();
  }

  private Node writeTaints(Node node, List<Taint> taints) {
    Node updated = new NodeBuilder(node).editOrNewSpec().withTaints(taints).endSpec().build();
    return client.nodes().resource(updated).update();
  }

  /** Ready and without NoExecute taints (a node not in the cache is not healthy: look). */
  private static boolean healthy(Node node) {
    return node != null && readyStatus(node).equals("True")
        && taints(node).stream().noneMatch(t -> "NoExecute".equals(t.getEffect()));
  }

  private static String readyStatus(Node node) {
    return node.getStatus() == null || node.getStatus().getConditions() == null ? ""
        : node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
            .map(NodeCondition::getStatus).findFirst().orElse("");
  }

  private static List<Taint> taints(Node node) {
    return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
        : node.getSpec().getTaints();
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
  }

  /** Pod writes that may find the pod already gone, which is fine. */
  private static final class PodWrites {

    static void updateStatus(KubernetesClient client, Pod pod,
        io.fabric8.kubernetes.api.model.PodStatus status) {
      Pod updated = new io.fabric8.kubernetes.api.model.PodBuilder(pod).withStatus(status)
          .build();
      try {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(updated)
            .updateStatus();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }

    static void evict(KubernetesClient client, Pod pod, Instant now) {
      PodNotReady.disruptionTarget(pod, now).ifPresent(status -> updateStatus(client, pod,
          status));
      client.pods().inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName()).delete();
    }
  }
}
