package io.capstan.apiserver.table;

import static io.capstan.apiserver.table.TestObjects.NOW;
import static io.capstan.apiserver.table.TestObjects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointsPrinterTest {

  record Case(String name, String endpoints, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no subsets", "metadata: {name: e}", "<none>"),
        new Case("one address, one port", """
            subsets: [{addresses: [{ip: 10.1.0.5}], ports: [{port: 8080}]}]
            """, "10.1.0.5:8080"),
        new Case("many addresses are truncated after three", """
            subsets:
            - addresses: [{ip: 10.1.0.1}, {ip: 10.1.0.2}, {ip: 10.1.0.3}, {ip: 10.1.0.4},
                          {ip: 10.1.0.5}]
              ports: [{name: http, port: 80}, {name: https, port: 443}]
            """, "10.1.0.1:80,10.1.0.2:80,10.1.0.3:80 + 7 more..."),
        new Case("exactly three is not truncated", """
            subsets:
            - addresses: [{ip: 10.1.0.1}, {ip: 10.1.0.2}, {ip: 10.1.0.3}]
              ports: [{port: 80}]
            """, "10.1.0.1:80,10.1.0.2:80,10.1.0.3:80"),
        new Case("headless subset without ports", """
            subsets: [{addresses: [{ip: 10.1.0.1}, {ip: 10.1.0.2}]}]
            """, "10.1.0.1,10.1.0.2"),
        new Case("not ready addresses are not shown", """
            subsets:
            - addresses: [{ip: 10.1.0.1}]
              notReadyAddresses: [{ip: 10.1.0.9}]
              ports: [{port: 80}]
            """, "10.1.0.1:80"),
        new Case("subset with only not ready addresses", """
            subsets: [{notReadyAddresses: [{ip: 10.1.0.9}], ports: [{port: 80}]}]
            """, ""),
        new Case("IPv6 addresses are bracketed", """
            subsets: [{addresses: [{ip: "fd00::1"}], ports: [{port: 80}]}]
            """, "[fd00::1]:80"),
        new Case("counting continues across subsets", """
            subsets:
            - {addresses: [{ip: 10.1.0.1}, {ip: 10.1.0.2}], ports: [{port: 80}]}
            - {addresses: [{ip: 10.2.0.1}, {ip: 10.2.0.2}], ports: [{port: 81}]}
            - {addresses: [{ip: 10.3.0.1}]}
            """, "10.1.0.1:80,10.1.0.2:80,10.2.0.1:81 + 2 more..."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formatsEndpointsLikeKubernetes(Case c) {
    var cells = new EndpointsPrinter().cells(yaml(c.endpoints()), NOW);
    assertThat(cells.get(1)).isEqualTo(c.expected());
  }
}
