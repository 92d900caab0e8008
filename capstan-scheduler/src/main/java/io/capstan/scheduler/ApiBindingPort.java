package io.capstan.scheduler;

import io.capstan.controller.runtime.EventRecorder;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** {@link BindingPort} over the API: a POST to {@code pods/binding}, the status subresource and an event. */
final class ApiBindingPort implements BindingPort {
    static final String REASON_UNSCHEDULABLE = "Unschedulable";

    private final KubernetesClient client;
    private final EventRecorder events;
    private final Clock clock;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    ApiBindingPort(KubernetesClient client, EventRecorder events, Clock clock) {
        this.client = client;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void bind(Pod pod, String node) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        Binding binding = new BindingBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).withUid(pod.getMetadata().getUid()).endMetadata()
                .withNewTarget().withApiVersion("v1").withKind("Node").withName(node).endTarget()
                .build();
        // fabric8 has no typed pods/binding call; raw() throws on any error status.
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + ns + "/pods/"
                + name + "/binding";
        client.raw(url, "POST", serialization.asJson(binding));
        // Queued, not written here: binding the next pod does not wait for the event.
        events.normal(pod, "Scheduled", "Successfully assigned " + ns + "/" + name + " to " + node);
    }

    @Override
    public void reportUnschedulable(Pod pod, String message) {
        if (!alreadyReported(pod, message)) {
            PodCondition condition = new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                    .withReason(REASON_UNSCHEDULABLE).withMessage(message)
                    .withLastTransitionTime(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()).build();
            List<PodCondition> conditions = new ArrayList<>();
            if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
                pod.getStatus().getConditions().stream().filter(c -> !"PodScheduled".equals(c.getType()))
                        .forEach(conditions::add);
            }
            conditions.add(condition);
            Pod updated = new PodBuilder(pod).editOrNewStatus().withConditions(conditions).endStatus().build();
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(updated).updateStatus();
            events.warning(pod, "FailedScheduling", message);
        }
    }

    /** A repeat of the same verdict writes nothing (the periodic retry would otherwise churn status and events). */
    static boolean alreadyReported(Pod pod, String message) {
        return pod.getStatus() != null && PodRequests.orEmpty(pod.getStatus().getConditions()).stream()
                .anyMatch(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                        && REASON_UNSCHEDULABLE.equals(c.getReason()) && message.equals(c.getMessage()));
    }
}
