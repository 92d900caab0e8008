package io.capstan.controllers.replicaset;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * {@code metav1.LabelSelectorAsSelector(...).Matches(labels)} for the controller's own use. A missing or empty selector
 * matches nothing here: validation rejects empty ReplicaSet selectors, and upstream's pod-to-ReplicaSet lookup skips
 * empty selectors too, so treating them as "everything" could only adopt pods by accident.
 */
final class LabelSelectors {
    private LabelSelectors() {
    }

    static boolean isEmpty(LabelSelector selector) {
        return selector == null
                || (nullToEmpty(selector.getMatchLabels()).isEmpty() && nullToEmpty(selector.getMatchExpressions()).isEmpty());
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (isEmpty(selector)) {
            return false;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        for (var entry : nullToEmpty(selector.getMatchLabels()).entrySet()) {
            if (!entry.getValue().equals(actual.get(entry.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement requirement : nullToEmpty(selector.getMatchExpressions())) {
            if (!matches(requirement, actual)) {
                return false;
            }
        }
        return true;
    }

    /** True when every label of {@code required} is present with the same value ({@code fullyLabeledReplicas}). */
    static boolean containsAll(Map<String, String> labels, Map<String, String> required) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        return nullToEmpty(required).entrySet().stream().allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = nullToEmpty(requirement.getValues());
        return switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }

    private static <K, V> Map<K, V> nullToEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
