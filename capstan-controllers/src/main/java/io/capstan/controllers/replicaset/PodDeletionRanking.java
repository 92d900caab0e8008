package io.capstan.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order in which a ReplicaSet deletes surplus pods, first to go first ({@code controller_utils.go}
 * {@code ActivePodsWithRanks.Less}; the first rule that tells two pods apart decides):
 * <ol>
 *   <li>unscheduled before scheduled;</li>
 *   <li>Pending before Unknown before Running;</li>
 *   <li>not ready before ready;</li>
 *   <li>lower pod-deletion-cost first;</li>
 *   <li>higher rank (more pods of the same controller on the node) first;</li>
 *   <li>both ready: ready more recently first, compared in log2 buckets of the time since (LogarithmicScaleDown);</li>
 *   <li>more container restarts first, then more sidecar restarts;</li>
 *   <li>newer first, again in log2 buckets; an unset creation time counts as newest.</li>
 * </ol>
 * Within one log2 bucket the UID decides, so that scale-down spreads over pods of similar age instead of always
 * removing the very newest.
 */
public final class PodDeletionRanking implements Comparator<PodView> {
    private static final double INV_LN2 = 1 / Math.log(2);
    private final Instant now;

    public PodDeletionRanking(Instant now) {
        this.now = now;
    }

    /**
     * {@code getPodsRankedByRelatedPodsOnSameNode}: for each pod to rank, the number of active related pods (those of
     * every ReplicaSet of the same controller) on its node.
     */
    public static List<Integer> ranksByNode(List<Pod> podsToRank, List<Pod> relatedPods) {
        Map<String, Integer> podsOnNode = new HashMap<>();
        for (Pod pod : relatedPods) {
            if (isActive(pod)) {
                podsOnNode.merge(nodeName(pod), 1, Integer::sum);
            }
        }
        return podsToRank.stream().map(p -> podsOnNode.getOrDefault(nodeName(p), 0)).toList();
    }

    private static String nodeName(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName();
    }

    /** {@code IsPodActive}: not Succeeded, not Failed, not being deleted. */
    public static boolean isActive(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase) && pod.getMetadata().getDeletionTimestamp() == null;
    }

    /** {@code getPodsToDelete}: the first {@code diff} pods in deletion order, all of them without sorting if diff >= size. */
    public List<PodView> selectForDeletion(List<PodView> pods, int diff) {
        if (diff >= pods.size()) {
            return List.copyOf(pods);
        }
        List<PodView> sorted = mergeSort(new ArrayList<>(pods));
        return List.copyOf(sorted.subList(0, Math.max(diff, 0)));
    }

    /**
     * Sorts by {@link #less}. Upstream's order is not transitive (pods ready in the same log2 bucket are told apart
     * by UID, pods ready at the same second by restarts and age), which Go's sort tolerates but Java's TimSort may
     * reject with "Comparison method violates its general contract"; a plain merge sort never checks, and orders
     * every pair that the rules do order consistently exactly as they say.
     */
    private List<PodView> mergeSort(List<PodView> pods) {
        if (pods.size() < 2) {
            return pods;
        }
        int middle = pods.size() / 2;
        List<PodView> left = mergeSort(new ArrayList<>(pods.subList(0, middle)));
        List<PodView> right = mergeSort(new ArrayList<>(pods.subList(middle, pods.size())));
        List<PodView> merged = new ArrayList<>(pods.size());
        int i = 0;
        int j = 0;
        while (i < left.size() && j < right.size()) {
            merged.add(less(right.get(j), left.get(i)) ? right.get(j++) : left.get(i++));
        }
        merged.addAll(left.subList(i, left.size()));
        merged.addAll(right.subList(j, right.size()));
        return merged;
    }

    @Override
    public int compare(PodView a, PodView b) {
        return less(a, b) ? -1 : less(b, a) ? 1 : 0;
    }

    /** True when {@code a} is deleted before {@code b}. */
    public boolean less(PodView a, PodView b) {
        if (!a.nodeName().equals(b.nodeName()) && (!a.isAssigned() || !b.isAssigned())) {
            return !a.isAssigned();
        }
        if (phaseOrdinal(a.phase()) != phaseOrdinal(b.phase())) {
            return phaseOrdinal(a.phase()) < phaseOrdinal(b.phase());
        }
        if (a.ready() != b.ready()) {
            return !a.ready();
        }
        if (a.deletionCost() != b.deletionCost()) {
            return a.deletionCost() < b.deletionCost();
        }
        if (a.rank() != b.rank()) {
            return a.rank() > b.rank();
        }
        if (a.ready() && b.ready() && !a.readySince().equals(b.readySince())) {
            return newerInLogBuckets(a.readySince(), b.readySince(), a, b);
        }
        if (a.restarts() != b.restarts()) {
            return a.restarts() > b.restarts();
        }
        if (a.sidecarRestarts() != b.sidecarRestarts()) {
            return a.sidecarRestarts() > b.sidecarRestarts();
        }
        if (!a.created().equals(b.created())) {
            return newerInLogBuckets(a.created(), b.created(), a, b);
        }
        return false;
    }

    /** Pending 0, Unknown 1, Running 2; any other phase maps to 0 like a missing key of upstream's map. */
    private static int phaseOrdinal(String phase) {
        return switch (phase) {
            case "Unknown" -> 1;
            case "Running" -> 2;
            default -> 0;
        };
    }

    private boolean newerInLogBuckets(Optional<Instant> t1, Optional<Instant> t2, PodView a, PodView b) {
        if (t1.isEmpty() || t2.isEmpty()) {
            // afterOrZero: an unset time counts as the newest.
            return t1.isEmpty();
        }
        long diff = logBucket(t1.get()) - logBucket(t2.get());
        if (diff == 0) {
            return a.uid().compareTo(b.uid()) < 0;
        }
        return diff < 0;
    }

    /** {@code int64(math.Log2(float64(now − t)))} in nanoseconds, −1 when t is not in the past. */
    private long logBucket(Instant t) {
        long nanos = Duration.between(t, now).toNanos();
        return nanos > 0 ? (long) log2(nanos) : -1;
    }

    /** Go's {@code math.Log2}: exact for powers of two, so bucket edges match upstream. */
    static double log2(double x) {
        int exp = Math.getExponent(x) + 1;
        double frac = Math.scalb(x, -exp);
        if (frac == 0.5) {
            return exp - 1;
        }
        return Math.log(frac) * INV_LN2 + exp;
    }
}
