package io.capstan.apiserver.table;

import static io.capstan.apiserver.table.TestObjects.NOW;
import static io.capstan.apiserver.table.TestObjects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SimplePrintersTest {

  record Case(String name, TablePrinter printer, String object, List<Object> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("namespace", new NamespacePrinter(), """
            metadata: {name: team-a, creationTimestamp: "2024-12-22T12:00:00Z"}
            status: {phase: Active}
            """, List.of("team-a", "Active", "10d")),
        new Case("terminating namespace", new NamespacePrinter(), """
            metadata: {name: old, creationTimestamp: "2024-06-01T00:00:00Z"}
            status: {phase: Terminating}
            """, List.of("old", "Terminating", "214d")),
        new Case("config map counts text and binary keys", new ConfigMapPrinter(), """
            metadata: {name: settings, creationTimestamp: "2025-01-01T11:59:00Z"}
            data: {a: "1", b: "2"}
            binaryData: {c: AAE=}
            """, List.of("settings", 3L, "60s")),
        new Case("empty config map", new ConfigMapPrinter(), """
            metadata: {name: empty, creationTimestamp: "2025-01-01T11:59:00Z"}
            """, List.of("empty", 0L, "60s")),
        new Case("secret", new SecretPrinter(), """
            metadata: {name: tls, creationTimestamp: "2025-01-01T08:30:00Z"}
            type: kubernetes.io/tls
            data: {tls.crt: Y2VydA==, tls.key: a2V5}
            """, List.of("tls", "kubernetes.io/tls", 2L, "3h30m")),
        new Case("service account", new ServiceAccountPrinter(), """
            metadata: {name: default, creationTimestamp: "2025-01-01T11:00:00Z"}
            """, List.of("default", 0L, "60m")),
        new Case("service account with secrets", new ServiceAccountPrinter(), """
            metadata: {name: builder, creationTimestamp: "2025-01-01T11:00:00Z"}
            secrets: [{name: builder-token}]
            """, List.of("builder", 1L, "60m")),
        new Case("lease with holder", new LeasePrinter(), """
            metadata: {name: node-1, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec: {holderIdentity: node-1, leaseDurationSeconds: 40}
            """, List.of("node-1", "node-1", "60m")),
        new Case("lease without holder", new LeasePrinter(), """
            metadata: {name: free, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec: {}
            """, List.of("free", "", "60m")),
        new Case("endpoint slice", new EndpointSlicePrinter(), """
            metadata: {name: web-x7k2p, creationTimestamp: "2025-01-01T11:00:00Z"}
            addressType: IPv4
            ports: [{name: http, port: 80}, {name: named}, {}, {port: 9000}]
            endpoints:
            - addresses: [10.1.0.1]
            - addresses: [10.1.0.2]
              conditions: {ready: false}
            """, List.of("web-x7k2p", "IPv4", "80,named,* + 1 more...", "10.1.0.1,10.1.0.2",
            "60m")),
        new Case("empty endpoint slice", new EndpointSlicePrinter(), """
            metadata: {name: none, creationTimestamp: "2025-01-01T11:00:00Z"}
            addressType: IPv6
            """, List.of("none", "IPv6", "<unset>", "<unset>", "60m")),
        new Case("default printer", new DefaultTablePrinter(), """
            metadata: {name: thing, creationTimestamp: "2024-03-04T05:06:07+02:00"}
            """, List.of("thing", "2024-03-04T03:06:07Z")),
        new Case("default printer without creation time", new DefaultTablePrinter(), """
            metadata: {name: thing}
            """, List.of("thing", "0001-01-01T00:00:00Z")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsLikeKubernetes(Case c) {
    assertThat(c.printer().cells(yaml(c.object()), NOW)).containsExactlyElementsOf(c.expected());
  }
}
