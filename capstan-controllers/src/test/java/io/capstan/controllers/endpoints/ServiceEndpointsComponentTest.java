package io.capstan.controllers.endpoints;

import static io.capstan.controllers.endpoints.ServiceEndpointsFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controllers.endpointslice.EndpointSliceController;
import io.capstan.controllers.endpointslice.SliceLabels;
import io.capstan.controllers.endpointslicemirroring.EndpointSliceMirroringController;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceEndpointsComponentTest {
  private static final String SLICES = EndpointSliceController.MANAGED_BY;
  private ServiceEndpointsFixture cluster;

  @BeforeAll
  void start() throws Exception {
    cluster = new ServiceEndpointsFixture();
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  @Test
  void readyAndUnreadyPodsBecomeEndpointsAndSlices() {
    cluster.createService("web", false);
    cluster.createPod("web-a", "web", List.of());
    cluster.createPod("web-b", "web", List.of());
    cluster.setStatus("web-a", "10.0.0.1", true);
    cluster.setStatus("web-b", "10.0.0.2", false);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      Endpoints ep = cluster.endpoints("web");
      assertThat(ep).isNotNull();
      EndpointSubset subset = single(ep);
      assertThat(ips(subset.getAddresses())).containsExactly("10.0.0.1");
      assertThat(ips(subset.getNotReadyAddresses())).containsExactly("10.0.0.2");
      assertThat(subset.getPorts()).singleElement().satisfies(p -> {
        assertThat(p.getName()).isEqualTo("http");
        assertThat(p.getPort()).as("named targetPort resolved").isEqualTo(8080);
      });
      assertThat(subset.getAddresses().getFirst().getTargetRef().getName()).isEqualTo("web-a");
      assertThat(subset.getAddresses().getFirst().getNodeName()).isEqualTo(ServiceEndpointsFixture.NODE);
      assertThat(ep.getMetadata().getLabels()).containsEntry("team", "a").doesNotContainKey(SliceLabels.HEADLESS);
      assertThat(ep.getMetadata().getOwnerReferences()).isEmpty();
    });
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      EndpointSlice slice = singleSlice("web");
      assertThat(slice.getMetadata().getName()).startsWith("web-");
      assertThat(slice.getAddressType()).isEqualTo("IPv4");
      assertThat(slice.getMetadata().getLabels()).containsEntry("team", "a");
      assertThat(slice.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
        assertThat(ref.getKind()).isEqualTo("Service");
        assertThat(ref.getController()).isTrue();
        assertThat(ref.getBlockOwnerDeletion()).isTrue();
      });
      assertThat(slice.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
      Map<String, Endpoint> byPod = byPod(slice);
      assertThat(byPod.get("web-a").getConditions().getReady()).isTrue();
      assertThat(byPod.get("web-a").getZone()).isEqualTo("zone-a");
      assertThat(byPod.get("web-a").getAddresses()).containsExactly("10.0.0.1");
      assertThat(byPod.get("web-b").getConditions().getReady()).isFalse();
      assertThat(byPod.get("web-b").getConditions().getServing()).isFalse();
    });

    cluster.setStatus("web-a", "10.0.0.1", false);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(ips(single(cluster.endpoints("web")).getNotReadyAddresses()))
          .containsExactly("10.0.0.1", "10.0.0.2");
      assertThat(byPod(singleSlice("web")).get("web-a").getConditions().getReady()).isFalse();
      assertThat(cluster.endpoints("web").getMetadata().getAnnotations())
          .containsKey(TriggerTimeTracker.ANNOTATION);
    });
    assertSecondSyncWritesNothing("web");
  }

  @Test
  void terminatingPodLeavesEndpointsButStaysInSliceAsServing() {
    cluster.createService("term", false);
    cluster.createPod("term-a", "term", List.of("test.capstan.io/hold"));
    cluster.setStatus("term-a", "10.0.1.1", true);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ips(single(cluster.endpoints("term")).getAddresses())).containsExactly("10.0.1.1"));

    cluster.client.pods().inNamespace(NS).withName("term-a").delete();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(cluster.endpoints("term").getSubsets()).isEmpty();
      Endpoint endpoint = byPod(singleSlice("term")).get("term-a");
      assertThat(endpoint.getConditions().getReady()).isFalse();
      assertThat(endpoint.getConditions().getServing()).isTrue();
      assertThat(endpoint.getConditions().getTerminating()).isTrue();
    });
    assertSecondSyncWritesNothing("term");
  }

  @Test
  void publishNotReadyAddressesListsUnreadyPodsAsReady() {
    cluster.createService("pub", true);
    cluster.createPod("pub-a", "pub", List.of());
    cluster.setStatus("pub-a", "10.0.2.1", false);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(ips(single(cluster.endpoints("pub")).getAddresses())).containsExactly("10.0.2.1");
      Endpoint endpoint = byPod(singleSlice("pub")).get("pub-a");
      assertThat(endpoint.getConditions().getReady()).isTrue();
      assertThat(endpoint.getConditions().getServing()).isFalse();
    });
  }

  @Test
  void serviceWithoutPodsGetsPlaceholderSlice() {
    cluster.createService("empty", false);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(cluster.endpoints("empty")).isNotNull();
      assertThat(singleSlice("empty").getEndpoints()).isEmpty();
    });
    assertSecondSyncWritesNothing("empty");
  }

  @Test
  void selectorlessServiceEndpointsAreLeftAloneAndMirrored() {
    cluster.client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("ext")
        .endMetadata().withNewSpec()
        .withPorts(new ServicePortBuilder().withName("db").withPort(5432).build()).endSpec().build()).create();
    Endpoints written = cluster.client.endpoints().inNamespace(NS).resource(new EndpointsBuilder()
        .withNewMetadata().withName("ext").withLabels(Map.of("hand", "made")).endMetadata()
        .addNewSubset().addNewAddress().withIp("192.168.1.10").endAddress()
        .addNewNotReadyAddress().withIp("192.168.1.11").endNotReadyAddress()
        .addNewPort().withName("db").withPort(5432).withProtocol("TCP").endPort().endSubset().build()).create();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      List<EndpointSlice> mirrored = cluster.slices("ext", EndpointSliceMirroringController.MANAGED_BY);
      assertThat(mirrored).singleElement().satisfies(slice -> {
        assertThat(slice.getMetadata().getLabels()).containsEntry("hand", "made");
        assertThat(slice.getMetadata().getOwnerReferences()).singleElement()
            .satisfies(ref -> assertThat(ref.getKind()).isEqualTo("Endpoints"));
        assertThat(slice.getEndpoints().stream()
            .collect(Collectors.toMap(e -> e.getAddresses().getFirst(), e -> e.getConditions().getReady())))
            .isEqualTo(Map.of("192.168.1.10", true, "192.168.1.11", false));
      });
    });
    assertThat(cluster.slices("ext", SLICES)).isEmpty();
    assertThat(cluster.endpoints("ext").getMetadata().getResourceVersion())
        .isEqualTo(written.getMetadata().getResourceVersion());
    assertSecondSyncWritesNothing("ext");
  }

  @Test
  void skipMirrorEndpointsAreNotMirrored() {
    cluster.client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("skip")
        .endMetadata().withNewSpec()
        .withPorts(new ServicePortBuilder().withPort(443).build()).endSpec().build()).create();
    cluster.client.endpoints().inNamespace(NS).resource(new EndpointsBuilder().withNewMetadata().withName("skip")
        .withLabels(Map.of(SliceLabels.SKIP_MIRROR, "true")).endMetadata()
        .addNewSubset().addNewAddress().withIp("192.168.2.1").endAddress()
        .addNewPort().withPort(443).endPort().endSubset().build()).create();
    // A mirrored Endpoints created after this one proves the controller has processed the queue past it.
    cluster.client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("after")
        .endMetadata().withNewSpec()
        .withPorts(new ServicePortBuilder().withPort(443).build()).endSpec().build()).create();
    cluster.client.endpoints().inNamespace(NS).resource(new EndpointsBuilder().withNewMetadata().withName("after")
        .endMetadata().addNewSubset().addNewAddress().withIp("192.168.2.2").endAddress()
        .addNewPort().withPort(443).endPort().endSubset().build()).create();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(cluster.slices("after", EndpointSliceMirroringController.MANAGED_BY)).hasSize(1));
    assertThat(cluster.slices("skip", EndpointSliceMirroringController.MANAGED_BY)).isEmpty();
  }

  @Test
  void deletingTheServiceRemovesEndpointsAndSlices() {
    cluster.createService("gone", false);
    cluster.createPod("gone-a", "gone", List.of());
    cluster.setStatus("gone-a", "10.0.3.1", true);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(cluster.endpoints("gone")).isNotNull();
      assertThat(cluster.slices("gone", SLICES)).hasSize(1);
    });
    cluster.client.services().inNamespace(NS).withName("gone").delete();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(cluster.endpoints("gone")).isNull();
      assertThat(cluster.slices("gone", SLICES)).isEmpty();
    });
  }

  /** Every controller syncs the Service again; the Endpoints and slices keep their resourceVersions. */
  private void assertSecondSyncWritesNothing(String service) {
    Map<String, String> before = versions(service);
    cluster.resync(NS + "/" + service);
    await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3))
        .untilAsserted(() -> assertThat(versions(service)).isEqualTo(before));
  }

  private Map<String, String> versions(String service) {
    var versions = new java.util.TreeMap<String, String>();
    Optional.ofNullable(cluster.endpoints(service))
        .ifPresent(ep -> versions.put("endpoints", ep.getMetadata().getResourceVersion()));
    cluster.client.discovery().v1().endpointSlices().inNamespace(NS)
        .withLabel(SliceLabels.SERVICE_NAME, service).list().getItems()
        .forEach(s -> versions.put(s.getMetadata().getName(), s.getMetadata().getResourceVersion()));
    return versions;
  }

  private EndpointSlice singleSlice(String service) {
    List<EndpointSlice> slices = cluster.slices(service, SLICES);
    assertThat(slices).hasSize(1);
    return slices.getFirst();
  }

  private static EndpointSubset single(Endpoints ep) {
    assertThat(ep.getSubsets()).hasSize(1);
    return ep.getSubsets().getFirst();
  }

  private static Map<String, Endpoint> byPod(EndpointSlice slice) {
    return slice.getEndpoints().stream().collect(Collectors.toMap(e -> e.getTargetRef().getName(), e -> e));
  }

  private static List<String> ips(List<EndpointAddress> addresses) {
    return addresses == null ? List.of() : addresses.stream().map(EndpointAddress::getIp).toList();
  }
}
