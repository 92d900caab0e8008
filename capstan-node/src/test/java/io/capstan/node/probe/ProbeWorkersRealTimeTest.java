package io.capstan.node.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.SystemScheduler;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The production wiring: wall-clock scheduler, probes on virtual threads, a real server. */
class ProbeWorkersRealTimeTest {

  @Test
  void readinessAndLivenessAgainstARealServer() throws Exception {
    List<String> reports = new CopyOnWriteArrayList<>();
    try (TestHttpServer server = TestHttpServer.http();
        SystemScheduler scheduler = new SystemScheduler("probe-test");
        ProbeWorkers workers = new ProbeWorkers(null,
            (target, type, success, message) -> reports.add(type + " " + success + " " + message),
            scheduler, Clock.systemUTC())) {
      Container container = new ContainerBuilder().withName("app")
          .withNewReadinessProbe().withNewHttpGet().withPath("/ok")
          .withPort(new IntOrString(server.port())).endHttpGet().withPeriodSeconds(1)
          .endReadinessProbe()
          .withNewLivenessProbe().withNewHttpGet().withPath("/fail")
          .withPort(new IntOrString(server.port())).endHttpGet().withPeriodSeconds(1)
          .withFailureThreshold(2).endLivenessProbe()
          .build();
      workers.add(new ProbeTarget("uid-1", "ns", "web", container, "c1", "127.0.0.1", null));
      await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() >= 4);
      assertThat(reports).containsExactlyInAnyOrder("READINESS false ", "LIVENESS true ",
          "READINESS true ", "LIVENESS false HTTP probe failed with statuscode: 500");
    }
  }
}
