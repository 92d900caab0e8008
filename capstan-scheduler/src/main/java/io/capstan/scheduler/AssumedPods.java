package io.capstan.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pods the scheduler has placed but the informer has not yet shown bound (upstream's assume cache): they count on
 * their node from the moment of the decision, so the next decision, possibly on another worker, sees them. An
 * assumption ends once the cache shows the pod bound or gone. Callers hold the scheduler's decision lock.
 */
final class AssumedPods {
    private final Map<String, Pod> byKey = new LinkedHashMap<>();

    void assume(String key, Pod pod, String node) {
        byKey.put(key, new PodBuilder(pod).editSpec().withNodeName(node).endSpec().build());
    }

    void forget(String key) {
        byKey.remove(key);
    }

    /** The cached pods with each still-unbound assumed pod replaced by its assumed, bound copy. */
    List<Pod> overlay(Collection<Pod> cached, Function<Pod, String> keyOf) {
        Map<String, Pod> pods = new LinkedHashMap<>();
        cached.forEach(p -> pods.put(keyOf.apply(p), p));
        byKey.entrySet().removeIf(e -> {
            Pod current = pods.get(e.getKey());
            return current == null || isBound(current);
        });
        pods.putAll(byKey);
        return new ArrayList<>(pods.values());
    }

    static boolean isBound(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }
}
