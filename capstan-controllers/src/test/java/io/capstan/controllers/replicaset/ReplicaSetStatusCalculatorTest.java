package io.capstan.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaSetStatusCalculatorTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    /** A pod labelled {@code labels}, Ready since {@code readyFor} before NOW (empty: not ready). */
    static Pod pod(Map<String, String> labels, Optional<Duration> readyFor) {
        var builder = new PodBuilder().withNewMetadata().withName("p").withLabels(labels).endMetadata();
        readyFor.ifPresent(d -> builder.withNewStatus().withPhase("Running").addNewCondition().withType("Ready")
                .withStatus("True").withLastTransitionTime(NOW.minus(d).toString()).endCondition().endStatus());
        return builder.build();
    }

    static final Map<String, String> FULL = Map.of("app", "web", "tier", "front");
    static final Map<String, String> PARTIAL = Map.of("app", "web");

    record Case(String name, int replicas, int minReadySeconds, List<Pod> pods, boolean failed, boolean hadFailure,
                int fullyLabeled, int ready, int available, Optional<Duration> requeue, Optional<String> failureReason) {
    }

    static Stream<Case> cases() {
        Optional<Duration> notReady = Optional.empty();
        return Stream.of(
                new Case("no pods", 2, 0, List.of(), false, false, 0, 0, 0, Optional.empty(), Optional.empty()),
                new Case("labels: only pods with every template label count as fully labelled", 2, 0,
                        List.of(pod(FULL, notReady), pod(PARTIAL, notReady)), false, false, 1, 0, 0,
                        Optional.empty(), Optional.empty()),
                new Case("minReadySeconds 0: ready means available", 2, 0,
                        List.of(pod(FULL, Optional.of(Duration.ZERO)), pod(FULL, notReady)), false, false, 2, 1, 1,
                        Optional.empty(), Optional.empty()),
                new Case("ready exactly minReadySeconds ago is not yet available (strict <)", 1, 10,
                        List.of(pod(FULL, Optional.of(Duration.ofSeconds(10)))), false, false, 1, 1, 0,
                        Optional.of(Duration.ofSeconds(1)), Optional.empty()),
                new Case("requeue after the soonest pod turns available", 3, 10,
                        List.of(pod(FULL, Optional.of(Duration.ofSeconds(11))), pod(FULL, Optional.of(Duration.ofSeconds(4))),
                                pod(FULL, Optional.of(Duration.ofSeconds(2)))), false, false, 3, 3, 1,
                        Optional.of(Duration.ofSeconds(7)), Optional.empty()),
                new Case("create failure adds ReplicaFailure/FailedCreate", 3, 0, List.of(pod(FULL, notReady)), true,
                        false, 1, 0, 0, Optional.empty(), Optional.of("FailedCreate")),
                new Case("delete failure adds ReplicaFailure/FailedDelete", 0, 0, List.of(pod(FULL, notReady)), true,
                        false, 1, 0, 0, Optional.empty(), Optional.of("FailedDelete")),
                new Case("success removes an earlier ReplicaFailure", 1, 0, List.of(pod(FULL, notReady)), false,
                        true, 1, 0, 0, Optional.empty(), Optional.empty()),
                new Case("an earlier ReplicaFailure stays as it was", 3, 0, List.of(), true, true, 0, 0, 0,
                        Optional.empty(), Optional.of("Old")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void calculatesStatus(Case c) {
        var builder = new ReplicaSetBuilder().withNewMetadata().withName("web").withGeneration(4L).endMetadata()
                .withNewSpec().withReplicas(c.replicas()).withMinReadySeconds(c.minReadySeconds())
                .withNewTemplate().withNewMetadata().withLabels(FULL).endMetadata().endTemplate().endSpec();
        if (c.hadFailure()) {
            builder.withNewStatus().withConditions(new ReplicaSetConditionBuilder().withType("ReplicaFailure")
                    .withStatus("True").withReason("Old").build()).endStatus();
        }
        ReplicaSet rs = builder.build();
        Optional<RuntimeException> error = c.failed() ? Optional.of(new KubernetesClientException("boom")) : Optional.empty();

        var result = ReplicaSetStatusCalculator.calculate(rs, c.pods(), error, NOW);

        var status = result.status();
        assertThat(status.getReplicas()).isEqualTo(c.pods().size());
        assertThat(status.getFullyLabeledReplicas()).isEqualTo(c.fullyLabeled());
        assertThat(status.getReadyReplicas()).isEqualTo(c.ready());
        assertThat(status.getAvailableReplicas()).isEqualTo(c.available());
        assertThat(status.getObservedGeneration()).isEqualTo(4L);
        assertThat(result.nextAvailable()).isEqualTo(c.requeue());
        assertThat(Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(cond -> "ReplicaFailure".equals(cond.getType())).findFirst()
                .map(cond -> cond.getReason())).isEqualTo(c.failureReason());
        assertThat(ReplicaSetStatusCalculator.same(status, result.status())).isTrue();
        assertThat(ReplicaSetStatusCalculator.same(rs.getStatus(), status)).isFalse();
    }
}
