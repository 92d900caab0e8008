package io.capstan.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Optional;

/** Taints with effect NoSchedule or NoExecute that none of the pod's tolerations tolerate (PreferNoSchedule only scores upstream). */
final class Tolerations {
    private Tolerations() {
    }

    static Optional<Taint> firstUntolerated(List<Taint> taints, Pod pod) {
        List<Toleration> tolerations = PodRequests.orEmpty(pod.getSpec().getTolerations());
        return taints.stream()
                .filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
                .filter(t -> tolerations.stream().noneMatch(tol -> tolerates(tol, t)))
                .findFirst();
    }

    static boolean tolerates(Toleration tol, Taint taint) {
        if (tol.getEffect() != null && !tol.getEffect().isEmpty() && !tol.getEffect().equals(taint.getEffect())) {
            return false;
        }
        String key = tol.getKey() == null ? "" : tol.getKey();
        String operator = tol.getOperator() == null || tol.getOperator().isEmpty() ? "Equal" : tol.getOperator();
        if (key.isEmpty()) {
            // An empty key with Exists tolerates every taint; with Equal it matches nothing.
            return "Exists".equals(operator);
        }
        if (!key.equals(taint.getKey())) {
            return false;
        }
        return switch (operator) {
            case "Exists" -> true;
            case "Equal" -> nullToEmpty(tol.getValue()).equals(nullToEmpty(taint.getValue()));
            default -> false;
        };
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
