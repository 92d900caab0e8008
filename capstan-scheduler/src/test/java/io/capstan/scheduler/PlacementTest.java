package io.capstan.scheduler;

import static io.capstan.scheduler.Objects.boundTo;
import static io.capstan.scheduler.Objects.node;
import static io.capstan.scheduler.Objects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlacementTest {
    record Case(String name, Pod pod, List<Node> nodes, List<Pod> bound, Placement expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Pod owned(String name, String uid) {
        return new PodBuilder(pod(name)).editMetadata().addNewOwnerReference().withApiVersion("apps/v1")
                .withKind("ReplicaSet").withName("rs").withUid(uid).withController(true).endOwnerReference()
                .endMetadata().build();
    }

    static Stream<Case> cases() {
        Node cordoned = node("c", "4", "8Gi", 110).editSpec().withUnschedulable(true).endSpec().build();
        return Stream.of(
                new Case("ties go to the first name", pod("p"), List.of(node("b"), node("a")), List.of(),
                        new Placement.Fit("a")),
                new Case("least allocated wins", pod("p", "1", "1Gi").build(), List.of(node("a"), node("b")),
                        List.of(boundTo(pod("x", "2", "2Gi").build(), "a")), new Placement.Fit("b")),
                new Case("larger node wins when empty", pod("p", "1", "1Gi").build(),
                        List.of(node("a"), node("b", "16", "32Gi", 110).build()), List.of(), new Placement.Fit("b")),
                new Case("spreading outweighs a little load", owned("p", "u1"), List.of(node("a"), node("b")),
                        List.of(boundTo(owned("r1", "u1"), "a"), boundTo(pod("x", "500m", "1Gi").build(), "b")),
                        new Placement.Fit("b")),
                new Case("spreading ignores other owners' pods", owned("p", "u1"), List.of(node("a"), node("b")),
                        List.of(boundTo(owned("r1", "u2"), "a"), boundTo(owned("r2", "u1"), "b"),
                                boundTo(owned("r3", "u2"), "a")),
                        new Placement.Fit("a")),
                new Case("finished pods hold nothing", pod("p", "3", null).build(), List.of(node("a")),
                        List.of(new PodBuilder(boundTo(pod("x", "3", null).build(), "a")).withNewStatus()
                                .withPhase("Succeeded").endStatus().build()), new Placement.Fit("a")),
                new Case("counts per reason, sorted", pod("p", "3", null).build(),
                        List.of(node("a"), node("b", "1", "8Gi", 110).build(), cordoned),
                        List.of(boundTo(pod("x", "2", null).build(), "a")),
                        new Placement.NoFit("0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu.")),
                new Case("no nodes at all", pod("p"), List.of(), List.of(),
                        new Placement.NoFit("0/0 nodes are available.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decide(Case c) {
        assertThat(Placement.decide(c.pod(), SchedulingSnapshot.of(c.nodes(), c.bound()))).isEqualTo(c.expected());
    }

    @Test
    void leastAllocatedIsTheMeanFreeShare() {
        var info = NodeInfo.of(node("a"), List.of(boundTo(pod("x", "1", "2Gi").build(), "a")));
        assertThat(Scores.leastAllocated(pod("p", "1", "2Gi").build(), info)).isEqualTo(50);
    }

    @Test
    void podRequestsTakeTheLargerOfContainersAndInitContainers() {
        Pod p = new PodBuilder(pod("p", "500m", "1Gi").build()).editSpec().addNewContainer().withName("d")
                .withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("250m"))
                .endResources().endContainer().addNewInitContainer().withName("i").withNewResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("600m"))
                .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("512Mi")).endResources()
                .endInitContainer().endSpec().build();
        assertThat(PodRequests.of(p)).isEqualTo(new PodRequests(750, 1L << 30));
    }
}
