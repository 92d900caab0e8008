package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** Test fixtures: Deployments reduced to what rollout arithmetic reads. */
final class Deployments {
    private Deployments() {
    }

    /** An int-or-percent from test-table notation: null, "25%" or "3". */
    static IntOrString intOrPercent(String value) {
        if (value == null) {
            return null;
        }
        return value.endsWith("%") || !value.chars().allMatch(Character::isDigit)
                ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
    }

    static Deployment rolling(int replicas, String maxSurge, String maxUnavailable) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("web").withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewStrategy().withType(RolloutMath.ROLLING_UPDATE)
                .withNewRollingUpdate().withMaxSurge(intOrPercent(maxSurge)).withMaxUnavailable(intOrPercent(maxUnavailable))
                .endRollingUpdate().endStrategy().endSpec()
                .build();
    }

    static Deployment recreate(int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewStrategy().withType(RolloutMath.RECREATE).endStrategy().endSpec()
                .build();
    }
}
