package io.capstan.scheduler;

import io.capstan.controller.runtime.Keys;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Per-node aggregates kept up to date from the pod informer's events (upstream's scheduler cache), so a decision
 * starts from one {@link NodeInfo} per node instead of a walk over every pod in the cluster. Callers of {@link
 * #assume} hold the scheduler's decision lock; the cache's own lock orders events against decisions.
 *
 * <p>A pod counts on a node while it is bound there and not finished. An assumed pod (placed, binding in flight)
 * counts on its node from the decision on; the assumption ends when an event shows the pod bound, to any node (it
 * then counts as any bound pod does), or deleted, and when its binding fails. Each pod's {@link PodUsage} is worked
 * out once per event, that is once per pod version.
 */
final class SchedulerCache {
    private record Placed(String node, PodUsage usage) {
    }

    private final Function<String, Pod> current;
    private final Map<String, NodeAggregate> byNode = new HashMap<>();
    private final Map<String, Placed> bound = new HashMap<>();
    private final Map<String, Placed> assumed = new HashMap<>();

    /** {@code current} looks a pod up by key in the informer's store, which is ahead of (or level with) the events. */
    SchedulerCache(Function<String, Pod> current) {
        this.current = current;
    }

    ResourceEventHandler<Pod> podHandler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                podChanged(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                podChanged(newPod);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                podDeleted(pod);
            }
        };
    }

    synchronized void podChanged(Pod pod) {
        String key = Keys.of(pod);
        remove(bound.remove(key));
        if (SchedulingSnapshot.isBound(pod)) {
            remove(assumed.remove(key));
            if (!SchedulingSnapshot.isTerminal(pod)) {
                Placed placed = new Placed(pod.getSpec().getNodeName(), PodUsage.of(pod));
                bound.put(key, placed);
                add(placed);
            }
        }
    }

    synchronized void podDeleted(Pod pod) {
        String key = Keys.of(pod);
        remove(bound.remove(key));
        remove(assumed.remove(key));
    }

    /**
     * Counts {@code pod} on {@code node} until an event shows it bound or deleted, or {@link #forget} is called. A pod
     * the informer's store no longer holds unbound (same uid) is not assumed: its deletion or binding may already
     * have been applied here, and nothing would end the assumption.
     */
    synchronized void assume(String key, Pod pod, String node) {
        Pod now = current.apply(key);
        if (now == null || SchedulingSnapshot.isBound(now)
                || !Objects.equals(now.getMetadata().getUid(), pod.getMetadata().getUid())) {
            return;
        }
        remove(assumed.remove(key));
        Placed placed = new Placed(node, PodUsage.of(pod));
        assumed.put(key, placed);
        add(placed);
    }

    synchronized void forget(String key) {
        remove(assumed.remove(key));
    }

    synchronized boolean isAssumed(String key) {
        return assumed.containsKey(key);
    }

    /**
     * The given nodes in name order, each with its aggregates. The nodes come from the node informer's store rather
     * than its events, so a decision sees a node as soon as the store does (as it did when it listed every pod); a
     * node's {@link NodeInfo} is reused while neither the node object nor its pods changed.
     */
    synchronized SchedulingSnapshot snapshot(Collection<Node> nodes) {
        List<Node> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparing(n -> n.getMetadata().getName()));
        List<NodeInfo> infos = new ArrayList<>(sorted.size());
        for (Node node : sorted) {
            infos.add(byNode.computeIfAbsent(node.getMetadata().getName(), n -> new NodeAggregate()).info(node));
        }
        return new SchedulingSnapshot(infos);
    }

    private void add(Placed placed) {
        byNode.computeIfAbsent(placed.node(), n -> new NodeAggregate()).add(placed.usage(), 1);
    }

    private void remove(Placed placed) {
        if (placed != null) {
            NodeAggregate aggregate = byNode.get(placed.node());
            aggregate.add(placed.usage(), -1);
        }
    }

    /**
     * The running sums behind one node name's {@link NodeInfo}. Pods may be counted before their node exists; the
     * sums of a deleted node stay (a few numbers) in case it comes back.
     */
    private static final class NodeAggregate {
        private int podCount;
        private long milliCpu;
        private long memory;
        private long nonZeroMilliCpu;
        private long nonZeroMemory;
        private final Map<String, Integer> hostPorts = new HashMap<>();
        private final Map<String, Integer> replicas = new HashMap<>();
        private NodeInfo info;

        void add(PodUsage usage, int sign) {
            podCount += sign;
            milliCpu += sign * usage.requests().milliCpu();
            memory += sign * usage.requests().memory();
            nonZeroMilliCpu += sign * usage.nonZero().milliCpu();
            nonZeroMemory += sign * usage.nonZero().memory();
            usage.hostPorts().forEach(p -> count(hostPorts, p, sign));
            usage.controllerUid().ifPresent(uid -> count(replicas, uid, sign));
            info = null;
        }

        NodeInfo info(Node node) {
            if (info == null || info.node() != node) {
                info = new NodeInfo(node, podCount, new PodRequests(milliCpu, memory),
                        new PodRequests(nonZeroMilliCpu, nonZeroMemory), hostPorts, replicas);
            }
            return info;
        }

        private static void count(Map<String, Integer> counts, String key, int sign) {
            counts.merge(key, sign, (a, b) -> a + b == 0 ? null : a + b);
        }
    }
}
