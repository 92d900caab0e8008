package io.capstan.scheduler;

import static io.capstan.scheduler.Objects.node;
import static io.capstan.scheduler.Objects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FiltersTest {
    record Case(String name, Pod pod, Node node, List<Pod> onNode, List<String> reasons) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Node labelled(Map<String, String> labels) {
        return node("n", "4", "8Gi", 110).editMetadata().withLabels(labels).endMetadata().build();
    }

    private static Pod withTerms(List<List<NodeSelectorRequirement>> terms) {
        var b = new PodBuilder(pod("p")).editSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution();
        for (var term : terms) {
            b = b.addToNodeSelectorTerms(new NodeSelectorTermBuilder().withMatchExpressions(term).build());
        }
        return b.endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
    }

    private static NodeSelectorRequirement req(String key, String op, String... values) {
        return new NodeSelectorRequirement(key, op, List.of(values));
    }

    private static Node tainted(String key, String value, String effect) {
        return node("n", "4", "8Gi", 110).editSpec().addToTaints(new Taint(effect, key, null, value)).endSpec().build();
    }

    private static Pod tolerating(Toleration... tolerations) {
        return new PodBuilder(pod("p")).editSpec().withTolerations(tolerations).endSpec().build();
    }

    private static Pod withHostPort(String name, int port) {
        return new PodBuilder(pod(name)).editSpec().editFirstContainer().addNewPort().withContainerPort(80)
                .withHostPort(port).endPort().endContainer().endSpec().build();
    }

    static Stream<Case> cases() {
        Map<String, String> zoneA = Map.of("zone", "a", "gen", "5");
        return Stream.of(
                new Case("plain pod fits a ready node", pod("p"), node("n"), List.of(), List.of()),
                new Case("node not ready", pod("p"), node("n", "4", "8Gi", 110).editStatus().editFirstCondition()
                        .withStatus("False").endCondition().endStatus().build(), List.of(), List.of(Filters.NOT_READY)),
                new Case("node without conditions", pod("p"), new NodeBuilder(node("n")).editStatus()
                        .withConditions().endStatus().build(), List.of(), List.of(Filters.NOT_READY)),
                new Case("node cordoned", pod("p"), node("n", "4", "8Gi", 110).editSpec().withUnschedulable(true)
                        .endSpec().build(), List.of(), List.of(Filters.UNSCHEDULABLE)),
                new Case("nodeSelector matches", new PodBuilder(pod("p")).editSpec().withNodeSelector(Map.of("zone", "a"))
                        .endSpec().build(), labelled(zoneA), List.of(), List.of()),
                new Case("nodeSelector differs", new PodBuilder(pod("p")).editSpec().withNodeSelector(Map.of("zone", "b"))
                        .endSpec().build(), labelled(zoneA), List.of(), List.of(Filters.AFFINITY)),
                new Case("affinity In", withTerms(List.of(List.of(req("zone", "In", "a", "b")))), labelled(zoneA),
                        List.of(), List.of()),
                new Case("affinity NotIn", withTerms(List.of(List.of(req("zone", "NotIn", "a")))), labelled(zoneA),
                        List.of(), List.of(Filters.AFFINITY)),
                new Case("affinity Exists", withTerms(List.of(List.of(req("zone", "Exists")))), labelled(zoneA),
                        List.of(), List.of()),
                new Case("affinity DoesNotExist", withTerms(List.of(List.of(req("zone", "DoesNotExist")))),
                        labelled(zoneA), List.of(), List.of(Filters.AFFINITY)),
                new Case("affinity Gt true", withTerms(List.of(List.of(req("gen", "Gt", "4")))), labelled(zoneA),
                        List.of(), List.of()),
                new Case("affinity Gt false", withTerms(List.of(List.of(req("gen", "Gt", "5")))), labelled(zoneA),
                        List.of(), List.of(Filters.AFFINITY)),
                new Case("affinity Lt true", withTerms(List.of(List.of(req("gen", "Lt", "6")))), labelled(zoneA),
                        List.of(), List.of()),
                new Case("affinity Lt on a non-number", withTerms(List.of(List.of(req("zone", "Lt", "6")))),
                        labelled(zoneA), List.of(), List.of(Filters.AFFINITY)),
                new Case("affinity terms are ORed", withTerms(List.of(List.of(req("zone", "In", "b")),
                        List.of(req("gen", "In", "5")))), labelled(zoneA), List.of(), List.of()),
                new Case("affinity requirements are ANDed", withTerms(List.of(List.of(req("zone", "In", "a"),
                        req("gen", "In", "6")))), labelled(zoneA), List.of(), List.of(Filters.AFFINITY)),
                new Case("NoSchedule taint untolerated", pod("p"), tainted("dedicated", "gpu", "NoSchedule"), List.of(),
                        List.of("node(s) had untolerated taint {dedicated: gpu}")),
                new Case("PreferNoSchedule taint ignored", pod("p"), tainted("dedicated", "gpu", "PreferNoSchedule"),
                        List.of(), List.of()),
                new Case("Equal toleration", tolerating(new Toleration("NoSchedule", "dedicated", "Equal", null, "gpu")),
                        tainted("dedicated", "gpu", "NoSchedule"), List.of(), List.of()),
                new Case("Equal toleration with another value", tolerating(new Toleration("NoSchedule", "dedicated",
                        "Equal", null, "cpu")), tainted("dedicated", "gpu", "NoExecute"), List.of(),
                        List.of("node(s) had untolerated taint {dedicated: gpu}")),
                new Case("Exists toleration on the key", tolerating(new Toleration(null, "dedicated", "Exists", null,
                        null)), tainted("dedicated", "gpu", "NoExecute"), List.of(), List.of()),
                new Case("empty key with Exists tolerates all", tolerating(new Toleration(null, null, "Exists", null,
                        null)), tainted("anything", "x", "NoSchedule"), List.of(), List.of()),
                new Case("toleration for another effect", tolerating(new Toleration("NoExecute", "dedicated", "Exists",
                        null, null)), tainted("dedicated", "gpu", "NoSchedule"), List.of(),
                        List.of("node(s) had untolerated taint {dedicated: gpu}")),
                new Case("cpu fits exactly", pod("p", "1", null).build(), node("n", "2", "8Gi", 110).build(),
                        List.of(Objects.boundTo(pod("q", "1000m", null).build(), "n")), List.of()),
                new Case("cpu and memory insufficient", pod("p", "1500m", "5Gi").build(),
                        node("n", "2", "8Gi", 110).build(),
                        List.of(Objects.boundTo(pod("q", "1", "4Gi").build(), "n")),
                        List.of(Filters.INSUFFICIENT_CPU, Filters.INSUFFICIENT_MEMORY)),
                new Case("too many pods", pod("p"), node("n", "2", "8Gi", 1).build(),
                        List.of(Objects.boundTo(pod("q"), "n")), List.of(Filters.TOO_MANY_PODS)),
                new Case("host port taken", withHostPort("p", 8080), node("n"),
                        List.of(Objects.boundTo(withHostPort("q", 8080), "n")), List.of(Filters.PORTS)),
                new Case("other host port free", withHostPort("p", 8080), node("n"),
                        List.of(Objects.boundTo(withHostPort("q", 8081), "n")), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reasons(Case c) {
        assertThat(Filters.reasons(c.pod(), NodeInfo.of(c.node(), c.onNode()))).isEqualTo(c.reasons());
    }
}
