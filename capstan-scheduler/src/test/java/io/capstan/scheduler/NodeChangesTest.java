package io.capstan.scheduler;

import static io.capstan.scheduler.Objects.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import org.junit.jupiter.api.Test;

class NodeChangesTest {
    private final Node node = new NodeBuilder(node("a")).editMetadata().withResourceVersion("1").endMetadata()
            .editStatus().editFirstCondition().withLastHeartbeatTime("2026-01-01T00:00:00Z").endCondition().endStatus()
            .build();

    @Test
    void heartbeatQueuesNothing() {
        Node beat = new NodeBuilder(node).editMetadata().withResourceVersion("2").endMetadata().editStatus()
                .editFirstCondition().withLastHeartbeatTime("2026-01-01T00:01:00Z").endCondition().endStatus().build();
        assertThat(PodScheduler.mayAdmitPods(node, beat)).isFalse();
    }

    @Test
    void changesTheFiltersReadQueuePendingPods() {
        assertThat(PodScheduler.mayAdmitPods(node, new NodeBuilder(node).editStatus().editFirstCondition()
                .withStatus("False").endCondition().endStatus().build())).isTrue();
        assertThat(PodScheduler.mayAdmitPods(node, new NodeBuilder(node).editSpec().withUnschedulable(true).endSpec()
                .build())).isTrue();
        assertThat(PodScheduler.mayAdmitPods(node, new NodeBuilder(node).editSpec()
                .addToTaints(new Taint("NoSchedule", "k", null, "v")).endSpec().build())).isTrue();
        assertThat(PodScheduler.mayAdmitPods(node, new NodeBuilder(node).editMetadata().addToLabels("disk", "ssd")
                .endMetadata().build())).isTrue();
        assertThat(PodScheduler.mayAdmitPods(node, new NodeBuilder(node).editStatus()
                .addToAllocatable("cpu", new Quantity("8")).endStatus().build())).isTrue();
    }
}
