package io.capstan.scheduler;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a pod fits a node. Each failed check contributes upstream's wording of its reason, so the
 * {@code FailedScheduling} message can count nodes per reason. All the checks run (not just the first failing
 * one) only for resources, where upstream also lists every insufficient resource.
 */
public final class Filters {
    public static final String UNSCHEDULABLE = "node(s) were unschedulable";
    public static final String NOT_READY = "node(s) were not ready";
    public static final String AFFINITY = "node(s) didn't match Pod's node affinity/selector";
    public static final String PORTS = "node(s) didn't have free ports for the requested pod ports";
    public static final String TOO_MANY_PODS = "Too many pods";
    public static final String INSUFFICIENT_CPU = "Insufficient cpu";
    public static final String INSUFFICIENT_MEMORY = "Insufficient memory";

    private Filters() {
    }

    /** The reasons the pod does not fit the node; empty when it fits. */
    public static List<String> reasons(Pod pod, NodeInfo info) {
        return reasons(pod, PodUsage.of(pod), info);
    }

    /** As {@link #reasons(Pod, NodeInfo)}, with the pod's usage worked out once for all nodes. */
    static List<String> reasons(Pod pod, PodUsage usage, NodeInfo info) {
        Node node = info.node();
        if (!isReady(node)) {
            // Upstream reports the node.kubernetes.io/not-ready taint the node lifecycle controller would add.
            return List.of(NOT_READY);
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return List.of(UNSCHEDULABLE);
        }
        if (!NodeAffinity.matches(pod, node)) {
            return List.of(AFFINITY);
        }
        var taint = Tolerations.firstUntolerated(
                node.getSpec() == null ? List.of() : PodRequests.orEmpty(node.getSpec().getTaints()), pod);
        if (taint.isPresent()) {
            return List.of("node(s) had untolerated taint {" + taint.get().getKey() + ": "
                    + (taint.get().getValue() == null ? "" : taint.get().getValue()) + "}");
        }
        if (portsConflict(usage, info)) {
            return List.of(PORTS);
        }
        return insufficientResources(usage, info);
    }

    static boolean isReady(Node node) {
        return node.getStatus() != null && PodRequests.orEmpty(node.getStatus().getConditions()).stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static List<String> insufficientResources(PodUsage usage, NodeInfo info) {
        List<String> reasons = new ArrayList<>();
        if (info.podCount() + 1 > info.allocatablePods()) {
            reasons.add(TOO_MANY_PODS);
        }
        PodRequests wanted = usage.requests();
        if (wanted.milliCpu() > 0 && info.requested().milliCpu() + wanted.milliCpu() > info.allocatableMilliCpu()) {
            reasons.add(INSUFFICIENT_CPU);
        }
        if (wanted.memory() > 0 && info.requested().memory() + wanted.memory() > info.allocatableMemory()) {
            reasons.add(INSUFFICIENT_MEMORY);
        }
        return reasons;
    }

    static boolean portsConflict(PodUsage usage, NodeInfo info) {
        return usage.hostPorts().stream().anyMatch(info.hostPorts()::containsKey);
    }

    /**
     * "protocol/port" of each host port. Upstream also keys on hostIP, with 0.0.0.0 conflicting with every address;
     * treating every hostIP as the wildcard is the conservative reading of that rule.
     */
    static Set<String> hostPorts(Pod pod) {
        Set<String> ports = new HashSet<>();
        for (var c : PodRequests.orEmpty(pod.getSpec().getContainers())) {
            for (ContainerPort p : PodRequests.orEmpty(c.getPorts())) {
                if (p.getHostPort() != null && p.getHostPort() > 0) {
                    ports.add((p.getProtocol() == null ? "TCP" : p.getProtocol()) + "/" + p.getHostPort());
                }
            }
        }
        return ports;
    }
}
