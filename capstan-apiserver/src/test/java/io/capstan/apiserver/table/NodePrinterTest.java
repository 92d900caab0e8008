package io.capstan.apiserver.table;

import static io.capstan.apiserver.table.TestObjects.NOW;
import static io.capstan.apiserver.table.TestObjects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NodePrinterTest {

  /** All cells: NAME STATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS KERNEL RUNTIME. */
  record Case(String name, String node, List<Object> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("ready control plane node", """
            metadata:
              name: cp-1
              creationTimestamp: "2024-12-01T12:00:00Z"
              labels: {node-role.kubernetes.io/control-plane: "", kubernetes.io/hostname: cp-1}
            status:
              conditions:
              - {type: MemoryPressure, status: "False"}
              - {type: Ready, status: "True"}
              addresses:
              - {type: Hostname, address: cp-1}
              - {type: InternalIP, address: 192.168.1.10}
              nodeInfo:
                kubeletVersion: v1.32.0
                osImage: Ubuntu 24.04 LTS
                kernelVersion: 6.8.0-45-generic
                containerRuntimeVersion: containerd://1.7.22
            """, List.of("cp-1", "Ready", "control-plane", "31d", "v1.32.0", "192.168.1.10",
            "<none>", "Ubuntu 24.04 LTS", "6.8.0-45-generic", "containerd://1.7.22")),
        new Case("cordoned worker", """
            metadata:
              name: w-1
              creationTimestamp: "2025-01-01T09:00:00Z"
              labels: {kubernetes.io/role: worker, node-role.kubernetes.io/gpu: ""}
            spec: {unschedulable: true}
            status:
              conditions: [{type: Ready, status: "True"}]
              addresses: [{type: ExternalIP, address: 203.0.113.7},
                          {type: InternalIP, address: 10.0.0.7}]
              nodeInfo: {kubeletVersion: v1.32.1}
            """, List.of("w-1", "Ready,SchedulingDisabled", "gpu,worker", "3h", "v1.32.1",
            "10.0.0.7", "203.0.113.7", "<unknown>", "<unknown>", "<unknown>")),
        new Case("not ready node", """
            metadata: {name: w-2, creationTimestamp: "2025-01-01T11:00:00Z"}
            status:
              conditions: [{type: Ready, status: Unknown}]
            """, List.of("w-2", "NotReady", "<none>", "60m", "", "<none>", "<none>",
            "<unknown>", "<unknown>", "<unknown>")),
        new Case("node without conditions is Unknown", """
            metadata: {name: new, creationTimestamp: "2025-01-01T11:59:59Z"}
            spec: {unschedulable: true}
            """, List.of("new", "Unknown,SchedulingDisabled", "<none>", "1s", "", "<none>",
            "<none>", "<unknown>", "<unknown>", "<unknown>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsLikeKubernetes(Case c) {
    assertThat(new NodePrinter().cells(yaml(c.node()), NOW))
        .containsExactlyElementsOf(c.expected());
  }
}
