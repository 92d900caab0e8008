package io.capstan.controllers.deployment;

import io.capstan.controller.runtime.EventRecorder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the new ReplicaSet of a Deployment and keeps its annotations current, or creates it ({@code sync.go}
 * {@code getNewReplicaSet}). Creation names the ReplicaSet {@code <deployment>-<pod-template-hash>}; when that name is
 * taken by a ReplicaSet that is not ours with this template, {@code status.collisionCount} goes up so that the retry
 * hashes to another name.
 */
final class ReplicaSetSync {
    private final KubernetesClient client;
    private final EventRecorder events;
    private final Clock clock;
    private final ReplicaSetWriter writer;
    private final StatusSync status;

    ReplicaSetSync(KubernetesClient client, EventRecorder events, Clock clock, ReplicaSetWriter writer, StatusSync status) {
        this.client = client;
        this.events = events;
        this.clock = clock;
        this.writer = writer;
        this.status = status;
    }

    /** The new ReplicaSet, created when missing and {@code create} is set; empty otherwise. */
    Optional<ReplicaSet> sync(SyncState state, boolean create) {
        ReplicaSetPartition partition = state.partition();
        long newRevision = Revisions.nextRevision(partition.old());
        if (partition.newReplicaSet().isPresent()) {
            return Optional.of(syncExisting(state, partition.newReplicaSet().get(), newRevision));
        }
        return create ? Optional.of(createNew(state, newRevision)) : Optional.empty();
    }

    private ReplicaSet syncExisting(SyncState state, ReplicaSet existing, long newRevision) {
        Deployment d = state.deployment();
        Map<String, String> annotations = annotationsOf(existing);
        Map<String, String> wanted = Revisions.raiseRevision(
                DeploymentAnnotations.copyToReplicaSet(annotationsOf(d), annotations), newRevision);
        int minReady = RolloutMath.orZero(d.getSpec().getMinReadySeconds());
        if (!wanted.equals(annotations) || RolloutMath.orZero(existing.getSpec().getMinReadySeconds()) != minReady) {
            ReplicaSet copy = SyncState.copy(existing);
            copy.getMetadata().setAnnotations(wanted);
            copy.getSpec().setMinReadySeconds(minReady);
            return writer.update(state, copy);
        }
        Deployment copy = SyncState.copy(d);
        boolean needsUpdate = setRevision(copy, annotations.getOrDefault(DeploymentAnnotations.REVISION, ""));
        if (DeploymentConditions.hasProgressDeadline(copy)
                && DeploymentConditions.get(copy.getStatus(), DeploymentConditions.PROGRESSING).isEmpty()) {
            DeploymentConditions.set(StatusSync.statusOf(copy), DeploymentConditions.create(
                    DeploymentConditions.PROGRESSING, "True", DeploymentConditions.FOUND_NEW_RS,
                    "Found new replica set \"" + existing.getMetadata().getName() + "\"", clock.instant()));
            needsUpdate = true;
        }
        if (needsUpdate) {
            status.write(state, copy);
        }
        return existing;
    }

    private ReplicaSet createNew(SyncState state, long newRevision) {
        Deployment d = state.deployment();
        Optional<Integer> collisionCount = Optional.ofNullable(d.getStatus()).map(DeploymentStatus::getCollisionCount);
        String hash = PodTemplateHash.compute(d.getSpec().getTemplate(), collisionCount);
        String name = PodTemplateHash.replicaSetName(d.getMetadata().getName(), hash);
        int total = state.replicaSets().stream().mapToInt(ReplicaSetWriter::podsHeld).sum();
        int replicas = RolloutMath.newReplicaSetTarget(d, 0, total);
        ReplicaSet wanted = newReplicaSet(d, name, hash, replicas, newRevision);
        ReplicaSet created;
        boolean alreadyExists = false;
        try {
            created = client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).resource(wanted).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                Optional<ReplicaSet> ours = existingOurs(d, name);
                if (ours.isEmpty()) {
                    recordCollision(state, collisionCount.orElse(0) + 1);
                    throw new IllegalStateException("hash collision for replica set " + name + " of deployment "
                            + d.getMetadata().getName(), e);
                }
                created = ours.get();
                alreadyExists = true;
            } else if (e.getCode() == 403) {
                throw e; // the namespace is terminating; nothing to report on the Deployment
            } else {
                recordCreateFailure(state, name, e);
                throw e;
            }
        }
        state.put(created);
        if (!alreadyExists && replicas > 0) {
            events.normal(d, ReplicaSetWriter.SCALING_REPLICA_SET, "Scaled up replica set %s to %d".formatted(name, replicas));
        }
        Deployment copy = SyncState.copy(state.deployment());
        boolean needsUpdate = setRevision(copy, Long.toString(newRevision));
        if (!alreadyExists && DeploymentConditions.hasProgressDeadline(copy)) {
            DeploymentConditions.set(StatusSync.statusOf(copy), DeploymentConditions.create(
                    DeploymentConditions.PROGRESSING, "True", DeploymentConditions.NEW_RS_CREATED,
                    "Created new replica set \"" + name + "\"", clock.instant()));
            needsUpdate = true;
        }
        if (needsUpdate) {
            status.write(state, copy);
        }
        return created;
    }

    private static ReplicaSet newReplicaSet(Deployment d, String name, String hash, int replicas, long revision) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).build();
        Map<String, String> labels = PodTemplateHash.withHashLabel(template.getMetadata() == null
                ? Map.of() : template.getMetadata().getLabels(), hash);
        template.getMetadata().setLabels(labels);
        LabelSelector selector = new LabelSelectorBuilder(d.getSpec().getSelector()).build();
        Map<String, String> matchLabels = new HashMap<>(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels());
        matchLabels.put(PodTemplateHash.LABEL, hash);
        selector.setMatchLabels(matchLabels);
        Map<String, String> annotations = new HashMap<>(Revisions.raiseRevision(
                DeploymentAnnotations.copyToReplicaSet(annotationsOf(d), Map.of()), revision));
        annotations.putAll(DeploymentAnnotations.replicasAnnotations(RolloutMath.replicas(d), RolloutMath.maxSurge(d)));
        return new ReplicaSetBuilder()
                .withNewMetadata().withName(name).withNamespace(d.getMetadata().getNamespace()).withLabels(labels)
                .withAnnotations(annotations).withOwnerReferences(ReplicaSetOwnership.controllerRef(d)).endMetadata()
                .withNewSpec().withReplicas(replicas).withMinReadySeconds(RolloutMath.orZero(d.getSpec().getMinReadySeconds()))
                .withSelector(selector).withTemplate(template).endSpec()
                .build();
    }

    /** The ReplicaSet that holds the name, if this Deployment controls it and it runs the current template. */
    private Optional<ReplicaSet> existingOurs(Deployment d, String name) {
        ReplicaSet rs = client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).withName(name).get();
        if (rs == null) {
            return Optional.empty();
        }
        boolean controlled = ReplicaSetOwnership.controllerRefOf(rs).map(OwnerReference::getUid)
                .filter(uid -> uid.equals(d.getMetadata().getUid())).isPresent();
        return controlled && PodTemplateHash.equalIgnoreHash(d.getSpec().getTemplate(), rs.getSpec().getTemplate())
                ? Optional.of(rs) : Optional.empty();
    }

    private void recordCollision(SyncState state, int count) {
        Deployment copy = SyncState.copy(state.deployment());
        StatusSync.statusOf(copy).setCollisionCount(count);
        status.write(state, copy);
    }

    private void recordCreateFailure(SyncState state, String name, KubernetesClientException e) {
        String message = "Failed to create new replica set \"%s\": %s".formatted(name, e.getMessage());
        Deployment copy = SyncState.copy(state.deployment());
        if (DeploymentConditions.hasProgressDeadline(copy)) {
            DeploymentConditions.set(StatusSync.statusOf(copy), DeploymentConditions.create(DeploymentConditions.PROGRESSING,
                    "False", DeploymentConditions.FAILED_RS_CREATE, message, clock.instant()));
            status.write(state, copy);
        }
        events.warning(copy, DeploymentConditions.FAILED_RS_CREATE, message);
    }

    /** {@code SetDeploymentRevision}: true when the Deployment's revision annotation changed. */
    private static boolean setRevision(Deployment d, String revision) {
        Map<String, String> annotations = annotationsOf(d);
        if (Objects.equals(annotations.get(DeploymentAnnotations.REVISION), revision)) {
            return false;
        }
        Map<String, String> changed = new HashMap<>(annotations);
        changed.put(DeploymentAnnotations.REVISION, revision);
        d.getMetadata().setAnnotations(changed);
        return true;
    }

    static Map<String, String> annotationsOf(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return o.getMetadata().getAnnotations() == null ? Map.of() : o.getMetadata().getAnnotations();
    }
}
