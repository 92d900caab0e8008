package io.capstan.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The decision for one pod over one snapshot: the best feasible node, or why there is none. */
public sealed interface Placement {
    record Fit(String node) implements Placement {
    }

    /** No node fits; {@code message} is upstream's {@code FitError} text. */
    record NoFit(String message) implements Placement {
    }

    static Placement decide(Pod pod, SchedulingSnapshot snapshot) {
        PodUsage usage = PodUsage.of(pod);
        List<NodeInfo> feasible = new ArrayList<>();
        Map<String, Integer> reasonCounts = new TreeMap<>();
        for (NodeInfo node : snapshot.nodes()) {
            List<String> reasons = Filters.reasons(pod, usage, node);
            if (reasons.isEmpty()) {
                feasible.add(node);
            } else {
                reasons.forEach(r -> reasonCounts.merge(r, 1, Integer::sum));
            }
        }
        if (feasible.isEmpty()) {
            return new NoFit(fitError(snapshot.nodes().size(), reasonCounts));
        }
        Map<String, Long> spread = Scores.spread(usage.controllerUid(), feasible);
        NodeInfo best = feasible.stream()
                .max(Comparator.<NodeInfo>comparingLong(n -> Scores.leastAllocated(usage, n) + spread.get(n.name()))
                        .thenComparing(NodeInfo::name, Comparator.reverseOrder()))
                .orElseThrow();
        return new Fit(best.name());
    }

    /**
     * "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) were unschedulable." — the count-prefixed reasons sorted
     * as strings, as upstream's {@code FitError.Error()} does (without its trailing preemption sentence, since there is
     * no preemption here).
     */
    static String fitError(int nodes, Map<String, Integer> reasonCounts) {
        List<String> parts = new ArrayList<>();
        reasonCounts.forEach((reason, count) -> parts.add(count + " " + reason));
        parts.sort(Comparator.naturalOrder());
        return "0/" + nodes + " nodes are available" + (parts.isEmpty() ? "." : ": " + String.join(", ", parts) + ".");
    }
}
