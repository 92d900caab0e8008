package io.capstan.apiserver.table;

import static io.capstan.apiserver.table.TestObjects.NOW;
import static io.capstan.apiserver.table.TestObjects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PodPrinterTest {

  private final PodPrinter printer = new PodPrinter();

  /** NAME READY STATUS RESTARTS AGE; the wide cells are checked separately. */
  record Case(String name, String pod, List<Object> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("running and ready", """
            metadata: {name: web, creationTimestamp: "2025-01-01T11:59:30Z"}
            spec: {containers: [{name: app}]}
            status:
              phase: Running
              conditions: [{type: Ready, status: "True"}]
              containerStatuses:
              - {name: app, ready: true, restartCount: 0, state: {running: {}}}
            """, List.of("web", "1/1", "Running", "0", "30s")),
        new Case("pending before scheduling", """
            metadata: {name: p, creationTimestamp: "2025-01-01T11:58:00Z"}
            spec: {containers: [{name: a}, {name: b}]}
            status: {phase: Pending}
            """, List.of("p", "0/2", "Pending", "0", "2m")),
        new Case("crash loop shows restarts and when", """
            metadata: {name: crashy, creationTimestamp: "2025-01-01T10:00:00Z"}
            spec: {containers: [{name: app}]}
            status:
              phase: Running
              containerStatuses:
              - name: app
                ready: false
                restartCount: 5
                state: {waiting: {reason: CrashLoopBackOff, message: back-off}}
                lastState: {terminated: {exitCode: 1, reason: Error,
                  finishedAt: "2025-01-01T11:55:00Z"}}
            """, List.of("crashy", "0/1", "CrashLoopBackOff", "5 (5m ago)", "120m")),
        new Case("restarts without a termination time have no suffix", """
            metadata: {name: r, creationTimestamp: "2025-01-01T10:00:00Z"}
            spec: {containers: [{name: app}]}
            status:
              phase: Running
              containerStatuses:
              - {name: app, ready: true, restartCount: 2, state: {running: {}}}
            """, List.of("r", "1/1", "Running", "2", "120m")),
        new Case("image pull error", """
            metadata: {name: img, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec: {containers: [{name: app}]}
            status:
              phase: Pending
              containerStatuses:
              - {name: app, ready: false, restartCount: 0,
                 state: {waiting: {reason: ImagePullBackOff}}}
            """, List.of("img", "0/1", "ImagePullBackOff", "0", "60m")),
        new Case("first of two init containers running", """
            metadata: {name: init, creationTimestamp: "2025-01-01T11:59:00Z"}
            spec:
              initContainers: [{name: setup}, {name: migrate}]
              containers: [{name: app}]
            status:
              phase: Pending
              initContainerStatuses:
              - {name: setup, ready: false, restartCount: 0, state: {running: {}}}
              - {name: migrate, ready: false, restartCount: 0,
                 state: {waiting: {reason: PodInitializing}}}
              containerStatuses:
              - {name: app, ready: false, restartCount: 0,
                 state: {waiting: {reason: PodInitializing}}}
            """, List.of("init", "0/1", "Init:0/2", "0", "60s")),
        new Case("second init container after the first succeeded", """
            metadata: {name: init, creationTimestamp: "2025-01-01T11:59:00Z"}
            spec:
              initContainers: [{name: setup}, {name: migrate}]
              containers: [{name: app}]
            status:
              phase: Pending
              initContainerStatuses:
              - {name: setup, state: {terminated: {exitCode: 0, reason: Completed}}}
              - {name: migrate, state: {running: {}}}
            """, List.of("init", "0/1", "Init:1/2", "0", "60s")),
        new Case("init container crash looping counts init restarts", """
            metadata: {name: init, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec:
              initContainers: [{name: setup}]
              containers: [{name: app}]
            status:
              phase: Pending
              initContainerStatuses:
              - name: setup
                restartCount: 3
                state: {waiting: {reason: CrashLoopBackOff}}
                lastState: {terminated: {exitCode: 2, finishedAt: "2025-01-01T11:59:00Z"}}
            """, List.of("init", "0/1", "Init:CrashLoopBackOff", "3 (60s ago)", "60m")),
        new Case("init container failed with a reason", """
            metadata: {name: init, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec:
              initContainers: [{name: setup}]
              containers: [{name: app}]
            status:
              phase: Failed
              initContainerStatuses:
              - {name: setup, state: {terminated: {exitCode: 1, reason: Error}}}
            """, List.of("init", "0/1", "Init:Error", "0", "60m")),
        new Case("init container killed by a signal", """
            metadata: {name: init, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec:
              initContainers: [{name: setup}]
              containers: [{name: app}]
            status:
              phase: Pending
              initContainerStatuses:
              - {name: setup, state: {terminated: {exitCode: 137, signal: 9}}}
            """, List.of("init", "0/1", "Init:Signal:9", "0", "60m")),
        new Case("init container exit code without reason", """
            metadata: {name: init, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec:
              initContainers: [{name: setup}]
              containers: [{name: app}]
            status:
              phase: Pending
              initContainerStatuses:
              - {name: setup, state: {terminated: {exitCode: 3}}}
            """, List.of("init", "0/1", "Init:ExitCode:3", "0", "60m")),
        new Case("started sidecar counts as ready app container", """
            metadata: {name: side, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec:
              initContainers: [{name: proxy, restartPolicy: Always}]
              containers: [{name: app}]
            status:
              phase: Running
              conditions: [{type: Initialized, status: "True"}, {type: Ready, status: "True"}]
              initContainerStatuses:
              - name: proxy
                ready: true
                started: true
                restartCount: 1
                state: {running: {}}
                lastState: {terminated: {exitCode: 1, finishedAt: "2025-01-01T11:30:00Z"}}
              containerStatuses:
              - {name: app, ready: true, restartCount: 0, state: {running: {}}}
            """, List.of("side", "2/2", "Running", "1 (30m ago)", "60m")),
        new Case("succeeded pod is Completed", """
            metadata: {name: job-abc, creationTimestamp: "2024-12-30T12:00:00Z"}
            spec: {containers: [{name: work}]}
            status:
              phase: Succeeded
              containerStatuses:
              - {name: work, ready: false, restartCount: 0,
                 state: {terminated: {exitCode: 0, reason: Completed}}}
            """, List.of("job-abc", "0/1", "Completed", "0", "2d")),
        new Case("completed container but another still running", """
            metadata: {name: mixed, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec: {containers: [{name: a}, {name: b}]}
            status:
              phase: Running
              conditions: [{type: Ready, status: "False"}]
              containerStatuses:
              - {name: a, ready: true, state: {running: {}}}
              - {name: b, ready: false, state: {terminated: {exitCode: 0, reason: Completed}}}
            """, List.of("mixed", "1/2", "NotReady", "0", "60m")),
        new Case("container exited by signal without reason", """
            metadata: {name: sig, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec: {containers: [{name: a}]}
            status:
              phase: Running
              containerStatuses:
              - {name: a, state: {terminated: {exitCode: 143, signal: 15}}}
            """, List.of("sig", "0/1", "Signal:15", "0", "60m")),
        new Case("terminating pod", """
            metadata:
              name: going
              creationTimestamp: "2025-01-01T11:00:00Z"
              deletionTimestamp: "2025-01-01T12:00:30Z"
            spec: {containers: [{name: app}]}
            status:
              phase: Running
              containerStatuses:
              - {name: app, ready: true, state: {running: {}}}
            """, List.of("going", "1/1", "Terminating", "0", "60m")),
        new Case("deleted pod that already succeeded keeps its status", """
            metadata:
              name: done
              creationTimestamp: "2025-01-01T11:00:00Z"
              deletionTimestamp: "2025-01-01T12:00:30Z"
            spec: {containers: [{name: app}]}
            status:
              phase: Succeeded
              containerStatuses:
              - {name: app, state: {terminated: {exitCode: 0, reason: Completed}}}
            """, List.of("done", "0/1", "Completed", "0", "60m")),
        new Case("pod of an unreachable node being deleted is Unknown", """
            metadata:
              name: lost
              creationTimestamp: "2025-01-01T11:00:00Z"
              deletionTimestamp: "2025-01-01T12:00:30Z"
            spec: {containers: [{name: app}]}
            status: {phase: Running, reason: NodeLost}
            """, List.of("lost", "0/1", "Unknown", "0", "60m")),
        new Case("evicted pod shows the status reason", """
            metadata: {name: ev, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec: {containers: [{name: app}]}
            status: {phase: Failed, reason: Evicted}
            """, List.of("ev", "0/1", "Evicted", "0", "60m")),
        new Case("scheduling gated", """
            metadata: {name: gated, creationTimestamp: "2025-01-01T11:00:00Z"}
            spec: {containers: [{name: app}]}
            status:
              phase: Pending
              conditions: [{type: PodScheduled, status: "False", reason: SchedulingGated}]
            """, List.of("gated", "0/1", "SchedulingGated", "0", "60m")),
        new Case("no creation time", """
            metadata: {name: bare}
            spec: {containers: [{name: app}]}
            """, List.of("bare", "0/1", "", "0", "<unknown>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsLikeKubernetes(Case c) {
    List<Object> cells = printer.cells(yaml(c.pod()), NOW);
    assertThat(cells).hasSize(printer.columns().size());
    assertThat(cells.subList(0, 5)).containsExactlyElementsOf(c.expected());
  }

  @Test
  void wideCellsShowIpNodeNominationAndGates() {
    var pod = yaml("""
        metadata: {name: web, creationTimestamp: "2025-01-01T11:00:00Z"}
        spec:
          nodeName: node-1
          containers: [{name: app}]
          readinessGates: [{conditionType: example.com/lb}, {conditionType: example.com/dns}]
        status:
          phase: Running
          podIP: 10.0.0.7
          podIPs: [{ip: 10.0.0.7}, {ip: "fd00::7"}]
          conditions:
          - {type: example.com/lb, status: "True"}
          - {type: example.com/dns, status: "False"}
        """);
    assertThat(printer.cells(pod, NOW).subList(5, 9))
        .containsExactly("10.0.0.7", "node-1", "<none>", "1/2");
  }

  @Test
  void wideCellsOfAnUnscheduledPod() {
    var pod = yaml("""
        metadata: {name: p}
        spec: {containers: [{name: app}]}
        status: {phase: Pending, nominatedNodeName: node-2}
        """);
    assertThat(printer.cells(pod, NOW).subList(5, 9))
        .containsExactly("<none>", "<none>", "node-2", "<none>");
  }

  @Test
  void finishedPodsCarryTheCompletedRowCondition() {
    assertThat(printer.conditions(yaml("status: {phase: Succeeded}")))
        .containsExactly(new TableRowCondition("Completed", "True", "Succeeded",
            "The pod has completed successfully."));
    assertThat(printer.conditions(yaml("status: {phase: Failed}")))
        .containsExactly(new TableRowCondition("Completed", "True", "Failed", "The pod failed."));
    assertThat(printer.conditions(yaml("status: {phase: Running}"))).isEmpty();
  }
}
