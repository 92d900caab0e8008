package io.capstan.apiserver.table;

import static io.capstan.apiserver.table.TestObjects.NOW;
import static io.capstan.apiserver.table.TestObjects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServicePrinterTest {

  /** All cells: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE SELECTOR. */
  record Case(String name, String service, List<Object> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("cluster IP", """
            metadata: {name: web, creationTimestamp: "2024-12-25T12:00:00Z"}
            spec:
              type: ClusterIP
              clusterIP: 10.96.0.10
              clusterIPs: [10.96.0.10]
              ports: [{port: 80, targetPort: 8080, protocol: TCP},
                      {port: 53, protocol: UDP}]
              selector: {tier: web, app: shop}
            """, List.of("web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP,53/UDP", "7d",
            "app=shop,tier=web")),
        new Case("headless without ports or selector", """
            metadata: {name: db, creationTimestamp: "2025-01-01T11:59:50Z"}
            spec: {type: ClusterIP, clusterIP: None, clusterIPs: [None]}
            """, List.of("db", "ClusterIP", "None", "<none>", "<none>", "10s", "<none>")),
        new Case("cluster IP with external IPs and only the v1 clusterIP field", """
            metadata: {name: ext, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec:
              type: ClusterIP
              clusterIP: 10.96.1.1
              externalIPs: [192.0.2.1, 192.0.2.2]
              ports: [{port: 443, protocol: TCP}]
            """, List.of("ext", "ClusterIP", "10.96.1.1", "192.0.2.1,192.0.2.2", "443/TCP",
            "60m", "<none>")),
        new Case("node port", """
            metadata: {name: np, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec:
              type: NodePort
              clusterIPs: [10.96.2.2]
              ports: [{port: 80, nodePort: 30080, protocol: TCP}]
              selector: {app: np}
            """, List.of("np", "NodePort", "10.96.2.2", "<none>", "80:30080/TCP", "60m",
            "app=np")),
        new Case("load balancer still pending", """
            metadata: {name: lb, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec:
              type: LoadBalancer
              clusterIPs: [10.96.3.3]
              ports: [{port: 443, nodePort: 31443, protocol: TCP}]
            """, List.of("lb", "LoadBalancer", "10.96.3.3", "<pending>", "443:31443/TCP", "60m",
            "<none>")),
        new Case("load balancer with sorted unique ingress, unclipped, then external IPs", """
            metadata: {name: lb, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec:
              type: LoadBalancer
              clusterIPs: [10.96.3.3]
              externalIPs: [192.0.2.9]
              ports: [{port: 80, nodePort: 30000, protocol: TCP}]
            status:
              loadBalancer:
                ingress:
                - {hostname: a-very-long-load-balancer-name.example.com}
                - {ip: 203.0.113.5}
                - {ip: 203.0.113.5}
            """, List.of("lb", "LoadBalancer", "10.96.3.3",
            "203.0.113.5,a-very-long-load-balancer-name.example.com,192.0.2.9",
            "80:30000/TCP", "60m", "<none>")),
        new Case("external name", """
            metadata: {name: alias, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec: {type: ExternalName, externalName: db.example.com}
            """, List.of("alias", "ExternalName", "<none>", "db.example.com", "<none>", "60m",
            "<none>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsLikeKubernetes(Case c) {
    assertThat(new ServicePrinter().cells(yaml(c.service()), NOW))
        .containsExactlyElementsOf(c.expected());
  }
}
