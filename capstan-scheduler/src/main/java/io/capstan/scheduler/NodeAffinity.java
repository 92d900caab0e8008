package io.capstan.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.nodeSelector} and required node affinity: the terms are ORed, the requirements within a term ANDed,
 * and a term with no requirements matches nothing (as upstream's {@code nodeaffinity} helpers).
 */
final class NodeAffinity {
    private NodeAffinity() {
    }

    static boolean matches(Pod pod, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        if (selector != null && !selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        var affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null) {
            return true;
        }
        NodeSelector required = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        if (required == null) {
            return true;
        }
        return PodRequests.orEmpty(required.getNodeSelectorTerms()).stream()
                .anyMatch(term -> termMatches(term, labels, node.getMetadata().getName()));
    }

    static boolean termMatches(NodeSelectorTerm term, Map<String, String> labels, String nodeName) {
        List<NodeSelectorRequirement> expressions = PodRequests.orEmpty(term.getMatchExpressions());
        List<NodeSelectorRequirement> fields = PodRequests.orEmpty(term.getMatchFields());
        if (expressions.isEmpty() && fields.isEmpty()) {
            return false;
        }
        return expressions.stream().allMatch(r -> requirementMatches(r, labels))
                && fields.stream().allMatch(r -> requirementMatches(r, Map.of("metadata.name", nodeName)));
    }

    static boolean requirementMatches(NodeSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.getKey());
        List<String> values = PodRequests.orEmpty(r.getValues());
        return switch (r.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt" -> compare(value, values) > 0;
            case "Lt" -> compare(value, values) < 0 && compare(value, values) != Integer.MIN_VALUE;
            default -> false;
        };
    }

    /** The sign of label minus the single value, or MIN_VALUE (never a match) when either is not an integer. */
    private static int compare(String label, List<String> values) {
        if (label == null || values.size() != 1) {
            return Integer.MIN_VALUE;
        }
        try {
            return Long.compare(Long.parseLong(label), Long.parseLong(values.get(0)));
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }
}
