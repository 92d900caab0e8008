package io.capstan.apiserver.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ServiceResource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cluster IPs from the service range, through the real fabric8 client. */
class ServiceAllocationTest {

  static final String NS = "alloc";

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

  static Service service(String name, UnaryOperator<ServiceBuilder> spec) {
    return spec.apply(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withSelector(java.util.Map.of("app", name)).addNewPort().withPort(80)
        .endPort().endSpec()).build();
  }

  static ServiceResource<Service> svc(KubernetesClient client, String name) {
    return client.services().inNamespace(NS).withName(name);
  }

  static Service create(KubernetesClient client, Service service) {
    return client.services().inNamespace(NS).resource(service).create();
  }

  /** Asserts a Kubernetes error with this code whose message ends with {@code message}. */
  static void assertRejected(ThrowingCallable call, int code, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(code);
      assertThat(e.getStatus().getMessage()).endsWith(message);
    });
  }

  @Test
  void picksDistinctFreeAddressesInTheRange() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      Service created = create(client, service("random-" + i, b -> b));
      String ip = created.getSpec().getClusterIP();
      assertThat(created.getSpec().getClusterIPs()).containsExactly(ip);
      assertThat(created.getSpec().getIpFamilies()).containsExactly("IPv4");
      assertThat(created.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
      assertThat(ip).startsWith("127.").isNotEqualTo("127.96.0.0").isNotEqualTo("127.96.0.1");
      int second = Integer.parseInt(ip.split("\\.")[1]);
      assertThat(second).isBetween(96, 111);
      assertThat(seen.add(ip)).as("address %s given twice", ip).isTrue();
    }
  }

  @Test
  void honoursARequestedAddressOnceAndRefusesTakenOrForeignOnes() {
    Service first = create(client, service("wanted",
        b -> b.editSpec().withClusterIP("127.96.5.5").endSpec()));
    assertThat(first.getSpec().getClusterIPs()).containsExactly("127.96.5.5");

    assertRejected(() -> create(client, service("wanted-again",
            b -> b.editSpec().withClusterIP("127.96.5.5").endSpec())), 422,
        "Service \"wanted-again\" is invalid: spec.clusterIPs: Invalid value:"
            + " []string{\"127.96.5.5\"}: failed to allocate IP 127.96.5.5:"
            + " provided IP is already allocated");
    assertRejected(() -> create(client, service("foreign",
            b -> b.editSpec().withClusterIP("10.0.0.1").endSpec())), 422,
        "spec.clusterIPs: Invalid value: []string{\"10.0.0.1\"}: failed to allocate IP 10.0.0.1:"
            + " the provided IP (10.0.0.1) is not in the valid range."
            + " The range of valid IPs is 127.96.0.0/12");
    assertRejected(() -> create(client, service("network",
            b -> b.editSpec().withClusterIP("127.96.0.0").endSpec())), 422,
        "the provided IP (127.96.0.0) is not in the valid range."
            + " The range of valid IPs is 127.96.0.0/12");
    assertRejected(() -> create(client, service("v6",
            b -> b.editSpec().withIpFamilies("IPv6").endSpec())), 422,
        "spec.ipFamilies[0]: Invalid value: \"IPv6\": not configured on this cluster");
  }

  @Test
  void headlessAndExternalNameServicesGetNoAddress() {
    Service headless = create(client, service("headless",
        b -> b.editSpec().withClusterIP("None").endSpec()));
    assertThat(headless.getSpec().getClusterIPs()).containsExactly("None");
    Service external = create(client, new ServiceBuilder().withNewMetadata()
        .withName("external").endMetadata().withNewSpec().withType("ExternalName")
        .withExternalName("example.com").endSpec().build());
    assertThat(external.getSpec().getClusterIP()).isNull();
    assertThat(external.getSpec().getClusterIPs()).isEmpty();
  }

  @Test
  void anAddressIsFreeAgainOnlyOnceTheServiceIsGone() {
    create(client, service("held", b -> b.editSpec().withClusterIP("127.96.7.7").endSpec()
        .editMetadata().withFinalizers("example.com/hold").endMetadata()));
    svc(client, "held").delete();
    assertThat(svc(client, "held").get().getMetadata().getDeletionTimestamp()).isNotNull();
    assertRejected(() -> create(client, service("taker",
            b -> b.editSpec().withClusterIP("127.96.7.7").endSpec())), 422,
        "provided IP is already allocated");

    svc(client, "held").edit(s -> {
      s.getMetadata().setFinalizers(List.of());
      return s;
    });
    assertThat(svc(client, "held").get()).isNull();
    Service taker = create(client, service("taker",
        b -> b.editSpec().withClusterIP("127.96.7.7").endSpec()));
    assertThat(taker.getSpec().getClusterIP()).isEqualTo("127.96.7.7");

    svc(client, "taker").delete();
    assertThat(create(client, service("taker-2",
        b -> b.editSpec().withClusterIP("127.96.7.7").endSpec())).getSpec().getClusterIP())
        .isEqualTo("127.96.7.7");
  }

  @Test
  void aDryRunReportsAnAddressButKeepsNothing() {
    Service dry = client.services().inNamespace(NS)
        .resource(service("dry", b -> b)).dryRun().create();
    assertThat(dry.getSpec().getClusterIP()).isEqualTo("127.96.0.0");
    client.services().inNamespace(NS).resource(service("dry-wanted",
        b -> b.editSpec().withClusterIP("127.96.9.9").endSpec())).dryRun().create();
    assertThat(svc(client, "dry").get()).isNull();
    assertThat(create(client, service("wet-wanted",
        b -> b.editSpec().withClusterIP("127.96.9.9").endSpec())).getSpec().getClusterIP())
        .isEqualTo("127.96.9.9");
  }

  @Test
  void clusterIpMayNotChangeOnceSet() {
    Service created = create(client, service("fixed",
        b -> b.editSpec().withClusterIP("127.96.11.11").endSpec()));
    created.getSpec().setClusterIP("127.96.11.12");
    created.getSpec().setClusterIPs(List.of("127.96.11.12"));
    assertRejected(() -> client.services().inNamespace(NS).resource(created).update(), 422,
        "spec.clusterIPs[0]: Invalid value: []string{\"127.96.11.12\"}: may not change once set");
  }

  @Test
  void movingToExternalNameReleasesTheAddressAndBackAllocatesOne() {
    create(client, service("mover", b -> b.editSpec().withClusterIP("127.96.12.12").endSpec()));
    Service external = svc(client, "mover").edit(s -> {
      s.getSpec().setType("ExternalName");
      s.getSpec().setExternalName("example.com");
      s.getSpec().setSelector(null);
      return s;
    });
    assertThat(external.getSpec().getClusterIPs()).isEmpty();
    assertThat(create(client, service("mover-heir",
        b -> b.editSpec().withClusterIP("127.96.12.12").endSpec())).getSpec().getClusterIP())
        .isEqualTo("127.96.12.12");

    Service back = svc(client, "mover").edit(s -> {
      s.getSpec().setType("ClusterIP");
      s.getSpec().setExternalName(null);
      return s;
    });
    assertThat(back.getSpec().getClusterIP()).startsWith("127.").isNotEqualTo("127.96.12.12");
  }
}
