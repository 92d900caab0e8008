package io.capstan.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/** The scheduler's only side effects: where a pod goes, or that it cannot go anywhere yet. */
public interface BindingPort {
    /** Assigns the pod to the node through {@code pods/binding}. */
    void bind(Pod pod, String node);

    /** Records on the pod (condition PodScheduled=False, reason Unschedulable) and as an event that no node fits. */
    void reportUnschedulable(Pod pod, String message);
}
