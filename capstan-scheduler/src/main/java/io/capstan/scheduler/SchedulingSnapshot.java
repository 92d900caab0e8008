package io.capstan.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable view of the cluster for one scheduling decision: every node, in name order, with the aggregates of
 * the pods that occupy it. Pods that have finished (Succeeded, Failed) hold no resources and are left out. The
 * scheduler takes it from {@link SchedulerCache}; {@link #of} works it out from scratch.
 */
public record SchedulingSnapshot(List<NodeInfo> nodes) {
    public SchedulingSnapshot {
        nodes = List.copyOf(nodes);
    }

    public static SchedulingSnapshot of(Collection<Node> nodes, Collection<Pod> boundPods) {
        Map<String, List<Pod>> byNode = new HashMap<>();
        for (Pod pod : boundPods) {
            String nodeName = isBound(pod) ? pod.getSpec().getNodeName() : null;
            if (isBound(pod) && !isTerminal(pod)) {
                byNode.computeIfAbsent(nodeName, n -> new ArrayList<>()).add(pod);
            }
        }
        TreeMap<String, NodeInfo> sorted = new TreeMap<>();
        for (Node node : nodes) {
            String name = node.getMetadata().getName();
            sorted.put(name, NodeInfo.of(node, byNode.getOrDefault(name, List.of())));
        }
        return new SchedulingSnapshot(new ArrayList<>(sorted.values()));
    }

    static boolean isBound(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}
