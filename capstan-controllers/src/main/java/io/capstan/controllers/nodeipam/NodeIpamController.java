package io.capstan.controllers.nodeipam;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Reconciler;
import io.capstan.controller.runtime.Result;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SharedInformers;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-controller-manager's node IPAM with the range allocator: a Node without {@code
 * spec.podCIDR} gets the first range of the cluster pod range that no other Node holds. What is
 * taken is read from the Node cache each time (so a deleted Node's range is free as soon as the
 * cache drops it), plus the ranges this controller handed out that the cache does not show yet; one
 * worker, so two Nodes never get the same range. A Node's range of another size takes every range
 * it overlaps (a node registered with a whole {@code /16} by an older version holds all of it);
 * one the cluster range does not contain is left alone, as kube-controller-manager leaves it.
 */
public final class NodeIpamController implements Reconciler {

  public static final String NAME = "node-ipam-controller";

  private static final Logger LOG = LoggerFactory.getLogger(NodeIpamController.class);
  /** How soon a Node that found no free range is looked at again. */
  private static final Duration FULL_RECHECK = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final SharedIndexInformer<Node> nodes;
  private final PodCidrRanges ranges;
  private final EventRecorder events;
  /** Handed out but not yet seen in the cache: node name to range index. */
  private final Map<String, Long> pending = new HashMap<>();

  NodeIpamController(KubernetesClient client, SharedIndexInformer<Node> nodes,
      PodCidrRanges ranges, EventRecorder events) {
    this.client = client;
    this.nodes = nodes;
    this.ranges = ranges;
    this.events = events;
  }

  /** The controller over the shared Node informer, ready to {@link Controller#start()}. */
  public static Controller create(KubernetesClient client, SharedInformers informers,
      Clock clock, Scheduler scheduler, EventRecorder events, PodCidrRanges ranges) {
    SharedIndexInformer<Node> informer = informers.of(Node.class);
    return Controller.builder("node-ipam",
            new NodeIpamController(client, informer, ranges, events))
        .watch(informer)
        .workers(1)
        .time(clock, scheduler)
        .backoff(Duration.ofMillis(200), Duration.ofSeconds(60))
        .build();
  }

  @Override
  public Result reconcile(String key) {
    Node node = nodes.getStore().getByKey(key);
    if (node == null) {
      pending.remove(key);
      return Result.done();
    }
    String name = node.getMetadata().getName();
    if (!podCidr(node).isEmpty()) {
      pending.remove(name);
      return Result.done();
    }
    if (pending.containsKey(name)) {
      // Patched already; the cache has not caught up with it yet.
      return Result.done();
    }
    Optional<String> free = ranges.firstFree(taken(name));
    if (free.isEmpty()) {
      events.normal(node, "CIDRNotAvailable", "Node " + name
          + " status is now: CIDRNotAvailable");
      LOG.warn("no pod range left for node name={} in {} ranges", name, ranges.count());
      return Result.requeueAfter(FULL_RECHECK);
    }
    String cidr = free.get();
    // podCIDR may only go from "" to a value (the API refuses other changes), so a Node that
    // got a range meanwhile makes this patch fail rather than be overwritten.
    client.nodes().withName(name).patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
        "{\"spec\":{\"podCIDR\":\"" + cidr + "\",\"podCIDRs\":[\"" + cidr + "\"]}}");
    pending.put(name, ranges.indexOf(cidr).orElseThrow());
    LOG.info("allocated pod range node={} podCIDR={}", name, cidr);
    return Result.done();
  }

  /** Ranges other Nodes hold, in the cache or handed out and not yet seen. */
  private Set<Long> taken(String except) {
    Set<Long> taken = new HashSet<>();
    for (Node other : nodes.getStore().list()) {
      if (!other.getMetadata().getName().equals(except)) {
        taken.addAll(ranges.overlapping(podCidr(other)));
      }
    }
    pending.forEach((name, index) -> {
      if (!name.equals(except)) {
        taken.add(index);
      }
    });
    return taken;
  }

  private static String podCidr(Node node) {
    return node.getSpec() == null || node.getSpec().getPodCIDR() == null ? ""
        : node.getSpec().getPodCIDR();
  }
}
