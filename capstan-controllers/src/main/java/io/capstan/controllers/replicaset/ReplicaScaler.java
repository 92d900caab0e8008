package io.capstan.controllers.replicaset;

import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Keys;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code manageReplicas}: brings the number of active owned pods to {@code spec.replicas}, at most
 * {@link #BURST_REPLICAS} pods per sync, recording expectations before writing so that the next sync waits for the
 * informer to report these writes.
 */
final class ReplicaScaler {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaScaler.class);
    /** {@code BurstReplicas}. */
    static final int BURST_REPLICAS = 500;
    /** {@code v1.NamespaceTerminatingCause}. */
    private static final String NAMESPACE_TERMINATING = "NamespaceTerminating";

    private final KubernetesClient client;
    private final Expectations expectations;
    private final EventRecorder events;
    private final Clock clock;

    ReplicaScaler(KubernetesClient client, Expectations expectations, EventRecorder events, Clock clock) {
        this.client = client;
        this.expectations = expectations;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates or deletes pods; returns the error that stopped it, if any.
     *
     * @param owned   the active pods the ReplicaSet owns after claiming
     * @param related active pods of every ReplicaSet of the same controller, for the node rank of the deletion order
     */
    Optional<RuntimeException> scale(String key, ReplicaSet rs, List<Pod> owned, List<Pod> related) {
        int diff = owned.size() - desired(rs);
        if (diff < 0) {
            return create(key, rs, Math.min(-diff, BURST_REPLICAS));
        }
        if (diff > 0) {
            return delete(key, rs, owned, related, Math.min(diff, BURST_REPLICAS));
        }
        return Optional.empty();
    }

    static int desired(ReplicaSet rs) {
        Integer replicas = rs.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    private Optional<RuntimeException> create(String key, ReplicaSet rs, int count) {
        expectations.expectCreations(key, count);
        SlowStart.Outcome outcome = SlowStart.run(count, () -> createOne(rs));
        // Failed and skipped creations will never be observed; stop waiting for them.
        for (int i = outcome.successes(); i < count; i++) {
            expectations.creationObserved(key);
        }
        return outcome.failure();
    }

    private Optional<RuntimeException> createOne(ReplicaSet rs) {
        try {
            Pod created = client.pods().inNamespace(rs.getMetadata().getNamespace())
                    .resource(PodTemplates.podFor(rs)).create();
            events.normal(rs, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
            return Optional.empty();
        } catch (KubernetesClientException e) {
            if (hasCause(e, NAMESPACE_TERMINATING)) {
                // The namespace is going away; its pods will not be created and that is not a failure of the RS.
                return Optional.empty();
            }
            events.warning(rs, "FailedCreate", "Error creating: " + message(e));
            return Optional.of(e);
        }
    }

    private Optional<RuntimeException> delete(String key, ReplicaSet rs, List<Pod> owned, List<Pod> related, int count) {
        List<Integer> ranks = PodDeletionRanking.ranksByNode(owned, related);
        List<PodView> views = new ArrayList<>();
        for (int i = 0; i < owned.size(); i++) {
            views.add(PodView.of(owned.get(i), ranks.get(i)));
        }
        Set<String> victims = new PodDeletionRanking(clock.instant()).selectForDeletion(views, count).stream()
                .map(PodView::name).collect(Collectors.toSet());
        String namespace = rs.getMetadata().getNamespace();
        expectations.expectDeletions(key, victims.stream().map(n -> Keys.of(namespace, n)).collect(Collectors.toSet()));
        Optional<RuntimeException> failure = Optional.empty();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var results = victims.stream().map(name -> executor.submit(() -> deleteOne(key, rs, name))).toList();
            for (var result : results) {
                Optional<RuntimeException> error = result.get();
                if (failure.isEmpty() && error.isPresent()) {
                    failure = error;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new IllegalStateException("interrupted while deleting pods", e));
        } catch (ExecutionException e) {
            return Optional.of(new IllegalStateException(e.getCause()));
        }
        return failure;
    }

    private Optional<RuntimeException> deleteOne(String key, ReplicaSet rs, String name) {
        String namespace = rs.getMetadata().getNamespace();
        try {
            client.pods().inNamespace(namespace).withName(name).delete();
            events.normal(rs, "SuccessfulDelete", "Deleted pod: " + name);
            return Optional.empty();
        } catch (KubernetesClientException e) {
            // The deletion will not be observed through the informer, so stop expecting it.
            expectations.deletionObserved(key, Keys.of(namespace, name));
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            LOG.warn("failed to delete pod {}/{} of ReplicaSet {}: {}", namespace, name, rs.getMetadata().getName(),
                    message(e));
            events.warning(rs, "FailedDelete", "Error deleting: " + message(e));
            return Optional.of(e);
        }
    }

    private static boolean hasCause(KubernetesClientException e, String type) {
        var status = e.getStatus();
        return status != null && status.getDetails() != null && status.getDetails().getCauses() != null
                && status.getDetails().getCauses().stream().anyMatch(c -> type.equals(c.getReason()));
    }

    static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }
}
