package io.capstan.apiserver.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.store.Store;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default/kubernetes Service, Endpoints and EndpointSlice name the running server. */
class KubernetesServiceTest {

  @Test
  void publishesTheServerAndFollowsItsPortAcrossRestarts() throws Exception {
    Store store = new MemoryStore();
    String uid;
    try (TestServer first = TestServer.start(store, c -> c)) {
      uid = assertPublished(first).getMetadata().getUid();
    }
    try (TestServer second = TestServer.start(store, c -> c)) {
      Service again = assertPublished(second);
      assertThat(again.getMetadata().getUid()).isEqualTo(uid);
    }
  }

  @Test
  void endpointsNameEveryRunningServerAndAServerStoppingTakesItselfOut() throws Exception {
    Store store = new MemoryStore();
    try (TestServer first = TestServer.start(store, c -> c)) {
      int firstPort = first.server.port();
      try (TestServer second = TestServer.start(store, c -> c)) {
        int secondPort = second.server.port();
        // Either server's view: both are in, each port a subset and a slice of its own.
        for (TestServer server : new TestServer[] {first, second}) {
          assertThat(endpointPorts(server)).containsExactlyInAnyOrder(firstPort, secondPort);
        }
        assertThat(slicePorts(first)).containsExactlyInAnyOrder(firstPort, secondPort);
        assertThat(first.client.discovery().v1().endpointSlices().inNamespace("default")
            .withLabel("kubernetes.io/service-name", "kubernetes").list().getItems())
            .extracting(s -> s.getMetadata().getName())
            .containsExactlyInAnyOrder("kubernetes",
                "kubernetes-" + Math.max(firstPort, secondPort));
      }
      assertThat(endpointPorts(first)).containsExactly(firstPort);
      assertThat(slicePorts(first)).containsExactly(firstPort);
      assertThat(first.client.discovery().v1().endpointSlices().inNamespace("default")
          .withLabel("kubernetes.io/service-name", "kubernetes").list().getItems())
          .singleElement().satisfies(s -> assertThat(s.getMetadata().getName())
              .isEqualTo("kubernetes"));
    }
  }

  private static java.util.List<Integer> endpointPorts(TestServer server) {
    return server.client.endpoints().inNamespace("default").withName("kubernetes").get()
        .getSubsets().stream().flatMap(s -> {
          assertThat(s.getAddresses()).singleElement()
              .satisfies(a -> assertThat(a.getIp()).isEqualTo("127.0.0.1"));
          return s.getPorts().stream().map(p -> p.getPort());
        }).toList();
  }

  private static java.util.List<Integer> slicePorts(TestServer server) {
    return server.client.discovery().v1().endpointSlices().inNamespace("default")
        .withLabel("kubernetes.io/service-name", "kubernetes").list().getItems().stream()
        .flatMap(s -> s.getPorts().stream().map(p -> p.getPort())).toList();
  }

  private static Service assertPublished(TestServer server) {
    int port = server.server.port();
    Service service = server.client.services().inNamespace("default").withName("kubernetes")
        .get();
    assertThat(service.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("component", "apiserver",
            "provider", "kubernetes"));
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getClusterIPs()).containsExactly("127.96.0.1");
    assertThat(service.getSpec().getSelector()).isNullOrEmpty();
    ServicePort servicePort = service.getSpec().getPorts().getFirst();
    assertThat(servicePort.getName()).isEqualTo("https");
    assertThat(servicePort.getPort()).isEqualTo(443);
    assertThat(servicePort.getProtocol()).isEqualTo("TCP");
    assertThat(servicePort.getTargetPort().getIntVal()).isEqualTo(port);

    EndpointSubset subset = server.client.endpoints().inNamespace("default")
        .withName("kubernetes").get().getSubsets().getFirst();
    assertThat(subset.getAddresses()).singleElement()
        .satisfies(a -> assertThat(a.getIp()).isEqualTo("127.0.0.1"));
    assertThat(subset.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("https");
      assertThat(p.getPort()).isEqualTo(port);
    });

    EndpointSlice slice = server.client.discovery().v1().endpointSlices().inNamespace("default")
        .withName("kubernetes").get();
    assertThat(slice.getAddressType()).isEqualTo("IPv4");
    assertThat(slice.getMetadata().getLabels())
        .containsEntry("kubernetes.io/service-name", "kubernetes");
    assertThat(slice.getEndpoints()).singleElement().satisfies(e -> {
      assertThat(e.getAddresses()).containsExactly("127.0.0.1");
      assertThat(e.getConditions().getReady()).isTrue();
    });
    assertThat(slice.getPorts()).singleElement()
        .satisfies(p -> assertThat(p.getPort()).isEqualTo(port));
    return service;
  }
}
