package io.capstan.apiserver.table;

import static io.capstan.apiserver.table.TestObjects.NOW;
import static io.capstan.apiserver.table.TestObjects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadPrintersTest {

  record Case(String name, TablePrinter printer, String object, List<Object> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("deployment mid rollout", new DeploymentPrinter(), """
            metadata: {name: web, creationTimestamp: "2025-01-01T11:55:00Z"}
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
                matchExpressions: [{key: tier, operator: In, values: [front, edge]}]
              template:
                spec:
                  containers: [{name: app, image: "nginx:1.27"}, {name: log, image: busybox}]
            status: {replicas: 4, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3}
            """, List.of("web", "3/3", 2L, 3L, "5m", "app,log", "nginx:1.27,busybox",
            "app=web,tier in (edge,front)")),
        new Case("new deployment without status", new DeploymentPrinter(), """
            metadata: {name: api, creationTimestamp: "2025-01-01T11:59:58Z"}
            spec:
              replicas: 2
              selector: {matchLabels: {app: api}}
              template: {spec: {containers: [{name: api, image: api:v2}]}}
            """, List.of("api", "0/2", 0L, 0L, "2s", "api", "api:v2", "app=api")),
        new Case("deployment with an empty selector prints it empty", new DeploymentPrinter(), """
            metadata: {name: odd}
            spec: {replicas: 0, selector: {}, template: {spec: {containers: []}}}
            """, List.of("odd", "0/0", 0L, 0L, "<unknown>", "", "", "")),
        new Case("deployment with an invalid selector", new DeploymentPrinter(), """
            metadata: {name: bad}
            spec: {selector: {matchExpressions: [{key: a, operator: Near}]}}
            """, List.of("bad", "0/0", 0L, 0L, "<unknown>", "", "", "<invalid>")),
        new Case("replica set", new ReplicaSetPrinter(), """
            metadata: {name: web-6d4cf56db6, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web, pod-template-hash: 6d4cf56db6}}
              template: {spec: {containers: [{name: app, image: "nginx:1.27"}]}}
            status: {replicas: 3, readyReplicas: 2}
            """, List.of("web-6d4cf56db6", 3L, 3L, 2L, "60m", "app", "nginx:1.27",
            "app=web,pod-template-hash=6d4cf56db6")),
        new Case("replica set without selector", new ReplicaSetPrinter(), """
            metadata: {name: rs}
            spec: {replicas: 1}
            """, List.of("rs", 1L, 0L, 0L, "<unknown>", "", "", "<none>")),
        new Case("replica set with an invalid selector", new ReplicaSetPrinter(), """
            metadata: {name: rs}
            spec: {selector: {matchLabels: {"bad key": x}}}
            """, List.of("rs", 0L, 0L, 0L, "<unknown>", "", "", "<error>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsLikeKubernetes(Case c) {
    assertThat(c.printer().cells(yaml(c.object()), NOW)).containsExactlyElementsOf(c.expected());
  }
}
