package io.capstan.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** Builders for nodes and pods in tests. */
final class Objects {
    private Objects() {
    }

    static NodeBuilder node(String name, String cpu, String memory, int pods) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory),
                        "pods", new Quantity(Integer.toString(pods))))
                .endStatus();
    }

    static Node node(String name) {
        return node(name, "4", "8Gi", 110).build();
    }

    static PodBuilder pod(String name, String cpu, String memory) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("t").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec();
        if (cpu != null || memory != null) {
            var requests = new java.util.HashMap<String, Quantity>();
            if (cpu != null) {
                requests.put("cpu", new Quantity(cpu));
            }
            if (memory != null) {
                requests.put("memory", new Quantity(memory));
            }
            b.editSpec().editFirstContainer().withNewResources().withRequests(requests).endResources()
                    .endContainer().endSpec();
        }
        return b;
    }

    static Pod pod(String name) {
        return pod(name, null, null).build();
    }

    static Pod boundTo(Pod pod, String node) {
        return new PodBuilder(pod).editSpec().withNodeName(node).endSpec().build();
    }
}
