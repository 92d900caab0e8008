package io.capstan.controllers.replicaset;

import io.capstan.controllers.LabelSelectors;
import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Keys;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SharedInformers;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Wires the ReplicaSet controller: informers on ReplicaSets and pods in every namespace, pod events mapped to the
 * owning ReplicaSet (or, for an orphan, to every ReplicaSet whose selector matches it, which may adopt it), and a
 * second pod handler that marks expected creations and deletions as observed before re-queueing the owner.
 */
public final class ReplicaSetController {
    public static final String NAME = "replicaset-controller";

    private ReplicaSetController() {
    }

    public static Controller create(KubernetesClient client, Clock clock, Scheduler scheduler, EventRecorder events,
                                    int workers) {
        return create(client, new SharedInformers(client), clock, scheduler, events, workers);
    }

    /** The controller over informers shared with the other controllers. */
    public static Controller create(KubernetesClient client, SharedInformers informers,
            Clock clock, Scheduler scheduler, EventRecorder events, int workers) {
        SharedIndexInformer<ReplicaSet> replicaSets = informers.of(ReplicaSet.class);
        SharedIndexInformer<Pod> pods = informers.of(Pod.class);
        Expectations expectations = new Expectations(clock);
        ReplicaScaler scaler = new ReplicaScaler(client, expectations, events, clock);
        ReplicaSetReconciler reconciler = new ReplicaSetReconciler(client, replicaSets, pods, expectations, scaler, clock);
        Controller controller = Controller.builder(NAME, reconciler)
                .watch(replicaSets)
                .watch(pods, pod -> ownersOf(pod, replicaSets))
                .workers(workers)
                .time(clock, scheduler)
                .build();
        pods.addEventHandler(new ExpectationObserver(expectations, controller));
        return controller;
    }

    /** {@code resolveControllerRef} or, for an orphan, {@code getPodReplicaSets}. */
    static List<String> ownersOf(Pod pod, SharedIndexInformer<ReplicaSet> replicaSets) {
        var controller = PodOwnership.controllerOf(pod);
        if (controller.isPresent()) {
            return PodOwnership.KIND.equals(controller.get().getKind())
                    ? List.of(Keys.of(pod.getMetadata().getNamespace(), controller.get().getName())) : List.of();
        }
        return replicaSets.getIndexer().byIndex(Cache.NAMESPACE_INDEX, pod.getMetadata().getNamespace()).stream()
                .filter(rs -> (!LabelSelectors.isEmpty(rs.getSpec().getSelector()) && LabelSelectors.matches(rs.getSpec().getSelector(), pod.getMetadata().getLabels())))
                .map(Keys::of).toList();
    }

    /**
     * {@code addPod}/{@code updatePod}/{@code deletePod}'s expectation bookkeeping. It enqueues the owner itself
     * because fabric8 does not promise the order of handlers: the runner's own enqueue may already have run a sync
     * that still saw the expectation outstanding.
     */
    private record ExpectationObserver(Expectations expectations, Controller controller)
            implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                onDelete(pod, false);
                return;
            }
            ownerKey(pod).ifPresent(key -> {
                expectations.creationObserved(key);
                controller.queue().add(key);
            });
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            if (newPod.getMetadata().getDeletionTimestamp() != null && oldPod.getMetadata().getDeletionTimestamp() == null) {
                // A graceful deletion shows up as an update; the pod no longer counts, so the deletion is observed.
                onDelete(newPod, false);
            }
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            ownerKey(pod).ifPresent(key -> {
                expectations.deletionObserved(key, Keys.of(pod));
                controller.queue().add(key);
            });
        }

        private static Optional<String> ownerKey(Pod pod) {
            return PodOwnership.controllerOf(pod).filter(ref -> PodOwnership.KIND.equals(ref.getKind()))
                    .map(ref -> Keys.of(pod.getMetadata().getNamespace(), ref.getName()));
        }
    }
}
