package io.capstan.controllers.deployment;

import io.capstan.controllers.LabelSelectors;
import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Keys;
import io.capstan.controller.runtime.Reconciler;
import io.capstan.controller.runtime.Result;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SharedInformers;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Deployment controller ({@code deployment_controller.go} {@code syncDeployment}): for each Deployment key it
 * claims the ReplicaSets, then takes the first applicable path of reference §2.2 — status only while being deleted,
 * {@link Scaler} when paused or on a scaling event, otherwise the strategy's rollout ({@link RollingUpdater} or
 * {@link Recreator}). Every path ends by writing status when it changed, so repeating a sync writes nothing.
 *
 * <p>The legacy server-side rollback ({@code spec.rollbackTo} and its annotation) is not implemented: kubectl undo is
 * client-side, and a template equal to an older ReplicaSet makes that ReplicaSet the new one again.
 */
public final class DeploymentController implements Reconciler {
    static final String SELECTING_ALL = "SelectingAll";

    private final ClusterView view;
    private final EventRecorder events;
    private final ReplicaSetOwnership ownership;
    private final StatusSync status;
    private final Scaler scaler;
    private final RollingUpdater rollingUpdater;
    private final Recreator recreator;

    public DeploymentController(KubernetesClient client, ClusterView view, Clock clock, EventRecorder events) {
        this.view = view;
        this.events = events;
        this.ownership = new ReplicaSetOwnership(client);
        this.status = new StatusSync(client, clock);
        ReplicaSetWriter writer = new ReplicaSetWriter(client, events);
        ReplicaSetSync replicaSets = new ReplicaSetSync(client, events, clock, writer, status);
        HistoryCleaner cleaner = new HistoryCleaner(client);
        this.scaler = new Scaler(replicaSets, writer, cleaner, status);
        this.rollingUpdater = new RollingUpdater(replicaSets, writer, cleaner, status);
        this.recreator = new Recreator(replicaSets, writer, cleaner, status, view::pods);
    }

    /**
     * The controller as the server runs it: informers on Deployments, ReplicaSets (mapped to their controlling
     * Deployment, orphans to every Deployment whose selector matches) and Pods (mapped through their ReplicaSet to a
     * Recreate Deployment, which waits for the old pods to go).
     */
    public static Controller create(KubernetesClient client, Clock clock, Scheduler scheduler, EventRecorder events,
                                    int workers) {
        return create(client, new SharedInformers(client), clock, scheduler, events, workers);
    }

    /** The controller over informers shared with the other controllers. */
    public static Controller create(KubernetesClient client, SharedInformers informers,
            Clock clock, Scheduler scheduler, EventRecorder events, int workers) {
        SharedIndexInformer<Deployment> deployments = informers.of(Deployment.class);
        SharedIndexInformer<ReplicaSet> replicaSets = informers.of(ReplicaSet.class);
        SharedIndexInformer<Pod> pods = informers.of(Pod.class);
        InformerView view = new InformerView(deployments, replicaSets, pods);
        DeploymentController reconciler = new DeploymentController(client, view, clock, events);
        return Controller.builder("deployment", reconciler)
                .watch(deployments)
                .watch(replicaSets, reconciler::deploymentKeysOf)
                .watch(pods, reconciler::recreateKeysOf)
                .workers(workers)
                .time(clock, scheduler)
                .build();
    }

    @Override
    public Result reconcile(String key) {
        String namespace = Keys.namespace(key).orElse("");
        Optional<Deployment> cached = view.deployment(namespace, Keys.name(key));
        if (cached.isEmpty()) {
            return Result.done();
        }
        Deployment d = cached.get();
        if (LabelSelectors.isEmpty(d.getSpec().getSelector())) {
            return selectingAll(d);
        }
        SyncState state = new SyncState(d, ownership.claim(d, view.replicaSets(namespace)));
        Optional<Duration> requeue;
        if (d.getMetadata().getDeletionTimestamp() != null) {
            requeue = status.syncStatus(state);
        } else {
            status.syncPausedCondition(state);
            if (Boolean.TRUE.equals(d.getSpec().getPaused()) || ReplicaSetPartition.isScalingEvent(state.deployment(),
                    state.replicaSets().stream().map(ReplicaSetState::of).toList())) {
                requeue = scaler.sync(state);
            } else if (RolloutMath.isRollingUpdate(d)) {
                requeue = rollingUpdater.rollout(state);
            } else {
                requeue = recreator.rollout(state);
            }
        }
        return requeue.map(Result::requeueAfter).orElse(Result.done());
    }

    private Result selectingAll(Deployment d) {
        events.warning(d, SELECTING_ALL, "This deployment is selecting all pods. A non-empty selector is required.");
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        Long observed = d.getStatus() == null ? null : d.getStatus().getObservedGeneration();
        if (observed == null || observed < generation) {
            SyncState state = new SyncState(d, List.of());
            Deployment copy = SyncState.copy(d);
            StatusSync.statusOf(copy).setObservedGeneration(generation);
            status.write(state, copy);
        }
        return Result.done();
    }

    /** A ReplicaSet event concerns its controlling Deployment or, for an orphan, every Deployment that selects it. */
    List<String> deploymentKeysOf(ReplicaSet rs) {
        List<String> owners = Keys.ofControllerOwner(rs, "Deployment");
        if (!owners.isEmpty() || ReplicaSetOwnership.controllerRefOf(rs).isPresent()) {
            return owners;
        }
        return view.deployments(rs.getMetadata().getNamespace()).stream()
                .filter(d -> LabelSelectors.matches(d.getSpec().getSelector(), rs.getMetadata().getLabels()))
                .map(Keys::of).toList();
    }

    /** A Pod event concerns its Deployment only under Recreate, which waits for the old pods to be gone. */
    List<String> recreateKeysOf(Pod pod) {
        List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
        if (refs == null) {
            return List.of();
        }
        String namespace = pod.getMetadata().getNamespace();
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController()) && "ReplicaSet".equals(r.getKind()))
                .flatMap(r -> view.replicaSets(namespace).stream()
                        .filter(rs -> rs.getMetadata().getUid().equals(r.getUid())))
                .flatMap(rs -> Keys.ofControllerOwner(rs, "Deployment").stream())
                .filter(key -> view.deployment(namespace, Keys.name(key))
                        .map(d -> !RolloutMath.isRollingUpdate(d)).orElse(false))
                .toList();
    }
}
