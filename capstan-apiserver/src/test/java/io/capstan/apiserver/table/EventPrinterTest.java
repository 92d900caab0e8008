package io.capstan.apiserver.table;

import static io.capstan.apiserver.table.TestObjects.NOW;
import static io.capstan.apiserver.table.TestObjects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventPrinterTest {

  /** LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME. */
  record Case(String name, String event, List<Object> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("classic repeated event", """
            metadata: {name: web-1.17f3a}
            involvedObject: {kind: Pod, name: web-1, fieldPath: "spec.containers{app}"}
            reason: BackOff
            message: "Back-off restarting failed container app  \\n"
            type: Warning
            source: {component: kubelet, host: node-1}
            count: 7
            firstTimestamp: "2025-01-01T11:00:00Z"
            lastTimestamp: "2025-01-01T11:58:00Z"
            """, List.of("2m", "Warning", "BackOff", "pod/web-1", "spec.containers{app}",
            "kubelet, node-1", "Back-off restarting failed container app", "60m", 7L,
            "web-1.17f3a")),
        new Case("singleton from the events API uses event time (truncated) and counts once", """
            metadata: {name: ev}
            involvedObject: {kind: Deployment, name: web}
            reason: ScalingReplicaSet
            message: Scaled up replica set web-abc to 3
            type: Normal
            reportingComponent: deployment-controller
            eventTime: "2025-01-01T11:59:30.123456Z"
            """, List.of("29s", "Normal", "ScalingReplicaSet", "deployment/web", "",
            "deployment-controller", "Scaled up replica set web-abc to 3", "29s", 1L, "ev")),
        new Case("series decides last seen and count", """
            metadata: {name: ev}
            involvedObject: {kind: Node}
            reason: Rebooted
            type: Warning
            reportingComponent: kubelet
            reportingInstance: node-3
            eventTime: "2025-01-01T10:00:00.000000Z"
            series: {count: 4, lastObservedTime: "2025-01-01T11:50:00.000000Z"}
            """, List.of("10m", "Warning", "Rebooted", "node", "", "kubelet, node-3", "",
            "120m", 4L, "ev")),
        new Case("no timestamps at all", """
            metadata: {name: ev}
            involvedObject: {kind: Pod, name: p}
            """, List.of("<unknown>", "", "", "pod/p", "", "", "", "<unknown>", 1L, "ev")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsLikeKubernetes(Case c) {
    assertThat(new EventPrinter().cells(yaml(c.event()), NOW))
        .containsExactlyElementsOf(c.expected());
  }
}
