package io.capstan.apiserver.component;

import static io.capstan.apiserver.component.ServiceAllocationTest.NS;
import static io.capstan.apiserver.component.ServiceAllocationTest.assertRejected;
import static io.capstan.apiserver.component.ServiceAllocationTest.service;
import static io.capstan.apiserver.component.ServiceAllocationTest.svc;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Node ports 30000-32767 for NodePort and LoadBalancer Services. */
class ServiceNodePortTest {

  private static TestServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    client = server.client;
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
        .endMetadata().build()).create();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Service create(Service service) {
    return ServiceAllocationTest.create(client, service);
  }

  private static Service nodePort(String name, int requested) {
    return service(name, b -> b.editSpec().withType("NodePort").editFirstPort()
        .withNodePort(requested == 0 ? null : requested).endPort().endSpec());
  }

  @Test
  void allocatesAFreePortPerServicePort() {
    Service created = create(service("np-two", b -> b.editSpec().withType("NodePort")
        .addNewPort().withName("b").withPort(81).endPort()
        .editFirstPort().withName("a").endPort().endSpec()));
    assertThat(created.getSpec().getPorts()).extracting(ServicePort::getNodePort)
        .allSatisfy(p -> assertThat(p).isBetween(30000, 32767))
        .doesNotHaveDuplicates();
    assertThat(created.getSpec().getClusterIP()).startsWith("127.");
  }

  @Test
  void honoursARequestedPortOnceAndRefusesTakenOrOutOfRangeOnes() {
    assertThat(create(nodePort("np-wanted", 30080)).getSpec().getPorts().getFirst()
        .getNodePort()).isEqualTo(30080);
    assertRejected(() -> create(nodePort("np-again", 30080)), 422,
        "Service \"np-again\" is invalid: spec.ports[0].nodePort: Invalid value: 30080:"
            + " provided port is already allocated");
    assertRejected(() -> create(nodePort("np-low", 8080)), 422,
        "spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range."
            + " The range of valid ports is 30000-32767");
  }

  @Test
  void deletingAServiceFreesItsPorts() {
    create(nodePort("np-gone", 30090));
    svc(client, "np-gone").delete();
    assertThat(create(nodePort("np-heir", 30090)).getSpec().getPorts().getFirst()
        .getNodePort()).isEqualTo(30090);
  }

  @Test
  void typeChangesAllocateAndReleasePorts() {
    Service plain = create(service("np-mover", b -> b));
    assertThat(plain.getSpec().getPorts().getFirst().getNodePort()).isNull();
    Service exposed = svc(client, "np-mover").edit(s -> {
      s.getSpec().setType("NodePort");
      s.getSpec().getPorts().getFirst().setNodePort(30100);
      return s;
    });
    assertThat(exposed.getSpec().getPorts().getFirst().getNodePort()).isEqualTo(30100);
    assertThat(exposed.getSpec().getClusterIP()).isEqualTo(plain.getSpec().getClusterIP());

    Service back = svc(client, "np-mover").edit(s -> {
      s.getSpec().setType("ClusterIP");
      return s;
    });
    assertThat(back.getSpec().getPorts().getFirst().getNodePort()).isNull();
    assertThat(create(nodePort("np-mover-heir", 30100)).getSpec().getPorts().getFirst()
        .getNodePort()).isEqualTo(30100);
  }

  @Test
  void anUpdateThatDropsAPortFreesIt() {
    create(service("np-ports", b -> b.editSpec().withType("NodePort")
        .editFirstPort().withName("a").withNodePort(30110).endPort()
        .addNewPort().withName("b").withPort(81).withNodePort(30111).endPort().endSpec()));
    svc(client, "np-ports").edit(s -> {
      s.getSpec().getPorts().removeLast();
      return s;
    });
    assertThat(create(nodePort("np-ports-heir", 30111)).getSpec().getPorts().getFirst()
        .getNodePort()).isEqualTo(30111);
    assertRejected(() -> create(nodePort("np-ports-late", 30110)), 422,
        "provided port is already allocated");
  }

  @Test
  void localLoadBalancersGetAHealthCheckPort() {
    Service lb = create(service("lb-local", b -> b.editSpec().withType("LoadBalancer")
        .withExternalTrafficPolicy("Local").endSpec()));
    int health = lb.getSpec().getHealthCheckNodePort();
    assertThat(health).isBetween(30000, 32767)
        .isNotEqualTo(lb.getSpec().getPorts().getFirst().getNodePort());

    svc(client, "lb-local").delete();
    assertThat(create(nodePort("lb-local-heir", health)).getSpec().getPorts().getFirst()
        .getNodePort()).isEqualTo(health);
  }
}
