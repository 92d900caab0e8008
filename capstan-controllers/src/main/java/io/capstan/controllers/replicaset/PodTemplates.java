package io.capstan.controllers.replicaset;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code GetPodFromTemplate}: a new pod for a ReplicaSet, named by the server from {@code generateName}
 * {@code <rs-name>-}, with the template's labels, annotations and finalizers, its spec, and a controller reference to
 * the ReplicaSet. Everything is copied so the cached ReplicaSet is never shared with the object sent.
 */
final class PodTemplates {
    private PodTemplates() {
    }

    static Pod podFor(ReplicaSet rs) {
        PodTemplateSpec template = rs.getSpec().getTemplate();
        var templateMeta = template.getMetadata();
        var meta = new ObjectMetaBuilder()
                .withGenerateName(rs.getMetadata().getName() + "-")
                .withNamespace(rs.getMetadata().getNamespace())
                .withOwnerReferences(PodOwnership.controllerReference(rs));
        if (templateMeta != null) {
            if (templateMeta.getLabels() != null) {
                meta.withLabels(new LinkedHashMap<>(templateMeta.getLabels()));
            }
            if (templateMeta.getAnnotations() != null) {
                meta.withAnnotations(new LinkedHashMap<>(templateMeta.getAnnotations()));
            }
            if (templateMeta.getFinalizers() != null) {
                meta.withFinalizers(new ArrayList<>(templateMeta.getFinalizers()));
            }
        }
        var spec = template.getSpec() == null ? new PodSpecBuilder().withContainers(List.of()).build()
                : new PodSpecBuilder(template.getSpec()).build();
        return new PodBuilder().withMetadata(meta.build()).withSpec(spec).build();
    }
}
