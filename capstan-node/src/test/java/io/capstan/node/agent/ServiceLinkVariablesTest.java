package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceLinkVariablesTest {

  private static final Service MASTER = service("default", "kubernetes", "10.96.0.1",
      port("https", 443, "TCP"));
  private static final Map<String, String> MASTER_VARS = Map.of(
      "KUBERNETES_SERVICE_HOST", "10.96.0.1",
      "KUBERNETES_SERVICE_PORT", "443",
      "KUBERNETES_SERVICE_PORT_HTTPS", "443",
      "KUBERNETES_PORT", "tcp://10.96.0.1:443",
      "KUBERNETES_PORT_443_TCP", "tcp://10.96.0.1:443",
      "KUBERNETES_PORT_443_TCP_PROTO", "tcp",
      "KUBERNETES_PORT_443_TCP_PORT", "443",
      "KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1");

  record Case(String name, String namespace, Boolean links, List<Service> services,
      Map<String, String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("master service only", "apps", null, List.of(MASTER), MASTER_VARS),
        new Case("first port unnamed, second named and UDP", "apps", true,
            List.of(service("apps", "my-db.v2", "10.96.0.20", port(null, 5432, null),
                port("metrics", 9187, "UDP"))),
            Map.ofEntries(
                Map.entry("MY_DB_V2_SERVICE_HOST", "10.96.0.20"),
                Map.entry("MY_DB_V2_SERVICE_PORT", "5432"),
                Map.entry("MY_DB_V2_SERVICE_PORT_METRICS", "9187"),
                Map.entry("MY_DB_V2_PORT", "tcp://10.96.0.20:5432"),
                Map.entry("MY_DB_V2_PORT_5432_TCP", "tcp://10.96.0.20:5432"),
                Map.entry("MY_DB_V2_PORT_5432_TCP_PROTO", "tcp"),
                Map.entry("MY_DB_V2_PORT_5432_TCP_PORT", "5432"),
                Map.entry("MY_DB_V2_PORT_5432_TCP_ADDR", "10.96.0.20"),
                Map.entry("MY_DB_V2_PORT_9187_UDP", "udp://10.96.0.20:9187"),
                Map.entry("MY_DB_V2_PORT_9187_UDP_PROTO", "udp"),
                Map.entry("MY_DB_V2_PORT_9187_UDP_PORT", "9187"),
                Map.entry("MY_DB_V2_PORT_9187_UDP_ADDR", "10.96.0.20"))),
        new Case("a port name starting with a digit gets an underscore", "apps", true,
            List.of(service("apps", "web", "10.96.0.30", port("8080-http", 80, "TCP"))),
            Map.of("WEB_SERVICE_HOST", "10.96.0.30", "WEB_SERVICE_PORT", "80",
                "WEB_SERVICE_PORT__8080_HTTP", "80", "WEB_PORT", "tcp://10.96.0.30:80",
                "WEB_PORT_80_TCP", "tcp://10.96.0.30:80", "WEB_PORT_80_TCP_PROTO", "tcp",
                "WEB_PORT_80_TCP_PORT", "80", "WEB_PORT_80_TCP_ADDR", "10.96.0.30")),
        new Case("headless, IP-less and other namespaces' services give nothing", "apps", true,
            List.of(service("apps", "headless", "None", port(null, 80, null)),
                service("apps", "external", null, port(null, 80, null)),
                service("other", "elsewhere", "10.96.0.40", port(null, 80, null)), MASTER),
            MASTER_VARS),
        new Case("links off keeps the master service only", "apps", false,
            List.of(service("apps", "web", "10.96.0.30", port(null, 80, null)), MASTER),
            MASTER_VARS),
        new Case("the pod's own kubernetes service replaces the master one", "apps", true,
            List.of(MASTER, service("apps", "kubernetes", "10.96.0.50", port(null, 8443, null))),
            Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.50", "KUBERNETES_SERVICE_PORT", "8443",
                "KUBERNETES_PORT", "tcp://10.96.0.50:8443",
                "KUBERNETES_PORT_8443_TCP", "tcp://10.96.0.50:8443",
                "KUBERNETES_PORT_8443_TCP_PROTO", "tcp", "KUBERNETES_PORT_8443_TCP_PORT", "8443",
                "KUBERNETES_PORT_8443_TCP_ADDR", "10.96.0.50")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void computesTheKubeletsVariables(Case c) {
    Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace(c.namespace())
        .endMetadata().withNewSpec().withEnableServiceLinks(c.links()).endSpec().build();

    assertThat(ServiceLinkVariables.forPod(pod, c.services()))
        .containsExactlyInAnyOrderEntriesOf(c.expected());
  }

  static Service service(String namespace, String name, String clusterIp,
      io.fabric8.kubernetes.api.model.ServicePort... ports) {
    return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .endMetadata().withNewSpec().withClusterIP(clusterIp).withPorts(ports).endSpec().build();
  }

  static io.fabric8.kubernetes.api.model.ServicePort port(String name, int port,
      String protocol) {
    return new ServicePortBuilder().withName(name).withPort(port).withProtocol(protocol).build();
  }
}
