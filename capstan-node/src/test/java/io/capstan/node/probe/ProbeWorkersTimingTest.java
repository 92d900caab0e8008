package io.capstan.node.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.controller.runtime.testing.FakeClock;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kubelet's probe timing, driven by a fake clock: probes run synchronously inside {@code
 * advance}, so every report is pinned to the second it happens.
 */
class ProbeWorkersTimingTest {

  record Case(
      String name,
      Probe readiness,
      Probe liveness,
      Probe startup,
      Map<String, IntPredicate> healthyAt,
      int runSeconds,
      List<String> expectedReports,
      List<String> expectedCalls) {

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    IntPredicate always = t -> true;
    IntPredicate never = t -> false;
    return Stream.of(
        new Case("readiness starts false and turns true on the first success",
            exec("ready", 10, 0, 1, 3), null, null, Map.of("ready", always), 25,
            List.of("0s READINESS false", "0s READINESS true"),
            List.of("0s ready", "10s ready", "20s ready")),
        new Case("readiness turns true after successThreshold successes in a row",
            exec("ready", 10, 0, 3, 3), null, null, Map.of("ready", always), 30,
            List.of("0s READINESS false", "20s READINESS true"), null),
        new Case("readiness turns false after failureThreshold failures in a row",
            exec("ready", 10, 0, 1, 3), null, null, Map.of("ready", t -> t < 25), 70,
            List.of("0s READINESS false", "0s READINESS true",
                "50s READINESS false: ready is unhealthy"), null),
        new Case("a failure streak shorter than failureThreshold is not reported",
            exec("ready", 10, 0, 1, 3), null, null, Map.of("ready", t -> t < 10 || t > 25), 80,
            List.of("0s READINESS false", "0s READINESS true"), null),
        new Case("readiness recovers after successThreshold successes",
            exec("ready", 10, 0, 2, 1), null, null, Map.of("ready", t -> t < 15 || t > 25), 50,
            List.of("0s READINESS false", "10s READINESS true",
                "20s READINESS false: ready is unhealthy", "40s READINESS true"), null),
        new Case("default timing probes every 10 seconds and fails after 3",
            new ProbeBuilder().withNewExec().withCommand("ready").endExec().build(), null, null,
            Map.of("ready", t -> t < 15), 60,
            List.of("0s READINESS false", "0s READINESS true",
                "40s READINESS false: ready is unhealthy"), null),
        new Case("initial delay skips ticks until it has passed, so it rounds up to a tick",
            exec("ready", 10, 15, 1, 3), null, null, Map.of("ready", always), 25,
            List.of("0s READINESS false", "20s READINESS true"),
            List.of("20s ready")),
        new Case("liveness starts alive and reports one failure per streak, then holds",
            null, exec("live", 10, 0, 1, 2), null, Map.of("live", never), 100,
            List.of("0s LIVENESS true", "10s LIVENESS false: live is unhealthy"),
            List.of("0s live", "10s live")),
        new Case("liveness successThreshold above 1 is treated as 1",
            null, exec("live", 10, 0, 5, 1), null, Map.of("live", t -> t < 15), 40,
            List.of("0s LIVENESS true", "20s LIVENESS false: live is unhealthy"), null),
        new Case("startup gates readiness and liveness; readiness runs as soon as it started",
            exec("ready", 10, 0, 1, 3), exec("live", 10, 0, 1, 3), exec("start", 5, 0, 1, 10),
            Map.of("ready", always, "live", always, "start", t -> t >= 12), 30,
            List.of("0s READINESS false", "0s LIVENESS true", "15s STARTUP true",
                "15s READINESS true"),
            List.of("0s start", "5s start", "10s start", "15s start", "15s ready", "20s ready",
                "20s live", "30s ready", "30s live")),
        new Case("startup failure is reported once and the other probes never run",
            exec("ready", 10, 0, 1, 3), null, exec("start", 10, 0, 1, 3),
            Map.of("ready", always, "start", never), 60,
            List.of("0s READINESS false", "20s STARTUP false: start is unhealthy"),
            List.of("0s start", "10s start", "20s start")),
        new Case("a prober error counts neither way",
            new ProbeBuilder().withNewHttpGet().withPort(new IntOrString("missing")).endHttpGet()
                .withFailureThreshold(1).build(),
            null, null, Map.of(), 60, List.of("0s READINESS false"), List.of()),
        new Case("grpc probes fail as unsupported",
            null, new ProbeBuilder().withNewGrpc().withPort(9000).endGrpc().withFailureThreshold(1)
                .build(), null, Map.of(), 10,
            List.of("0s LIVENESS true", "0s LIVENESS false: grpc probes are not supported"),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsAsTheKubelet(Case c) {
    FakeClock clock = new FakeClock();
    ScriptedExec exec = new ScriptedExec(clock, c.healthyAt());
    Reports reports = new Reports(clock);
    Container container = new ContainerBuilder().withName("app").withReadinessProbe(c.readiness())
        .withLivenessProbe(c.liveness()).withStartupProbe(c.startup()).build();
    try (ProbeWorkers workers = new ProbeWorkers(exec, reports, clock, clock, Runnable::run)) {
      workers.add(target(container, "c1", clock.instant()));
      clock.advance(Duration.ofSeconds(c.runSeconds()));
    }
    assertThat(reports.lines()).containsExactlyElementsOf(c.expectedReports());
    if (c.expectedCalls() != null) {
      assertThat(exec.calls()).containsExactlyElementsOf(c.expectedCalls());
    }
  }

  @Test
  void removeStopsProbingAndAddingAgainStartsAfresh() {
    FakeClock clock = new FakeClock();
    ScriptedExec exec = new ScriptedExec(clock, Map.of("live", t -> t < 25 || t > 45));
    Reports reports = new Reports(clock);
    Container container = new ContainerBuilder().withName("app")
        .withLivenessProbe(exec("live", 10, 0, 1, 1)).build();
    try (ProbeWorkers workers = new ProbeWorkers(exec, reports, clock, clock, Runnable::run)) {
      workers.add(target(container, "c1", clock.instant()));
      workers.add(target(container, "c1", clock.instant()));
      clock.advance(Duration.ofSeconds(35));
      workers.remove("c1");
      assertThat(clock.pendingDueTimes()).isEmpty();
      clock.advance(Duration.ofSeconds(5));
      workers.add(target(container, "c2", clock.instant()));
      clock.advance(Duration.ofSeconds(20));
    }
    assertThat(reports.lines()).containsExactly("0s LIVENESS true",
        "30s LIVENESS false: live is unhealthy", "40s LIVENESS true",
        "40s LIVENESS false: live is unhealthy");
    assertThat(exec.calls()).containsExactly("0s live", "10s live", "20s live", "30s live",
        "40s live");
  }

  @Test
  void closeCancelsEveryWorker() {
    FakeClock clock = new FakeClock();
    ScriptedExec exec = new ScriptedExec(clock, Map.of("ready", t -> true));
    Reports reports = new Reports(clock);
    Container container = new ContainerBuilder().withName("app")
        .withReadinessProbe(exec("ready", 10, 0, 1, 3)).build();
    ProbeWorkers workers = new ProbeWorkers(exec, reports, clock, clock, Runnable::run);
    workers.add(target(container, "c1", clock.instant()));
    workers.close();
    workers.add(target(container, "c2", clock.instant()));
    clock.advance(Duration.ofSeconds(60));
    assertThat(clock.pendingDueTimes()).isEmpty();
    assertThat(exec.calls()).containsExactly("0s ready");
  }

  static Probe exec(String script, int period, int initialDelay, int success, int failure) {
    return new ProbeBuilder().withNewExec().withCommand(script).endExec()
        .withPeriodSeconds(period).withInitialDelaySeconds(initialDelay)
        .withSuccessThreshold(success).withFailureThreshold(failure).build();
  }

  static ProbeTarget target(Container container, String id, Instant startedAt) {
    return new ProbeTarget("uid-1", "ns", "web", container, id, "127.0.0.1", startedAt);
  }

  /** Collects reports as {@code "<seconds>s TYPE result[: message]"}. */
  static final class Reports implements ProbeListener {
    private final FakeClock clock;
    private final Instant start;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    Reports(FakeClock clock) {
      this.clock = clock;
      this.start = clock.instant();
    }

    @Override
    public void onResult(ProbeTarget target, ProbeType type, boolean success, String message) {
      long seconds = Duration.between(start, clock.instant()).toSeconds();
      lines.add(seconds + "s " + type + " " + success + (message.isEmpty() ? "" : ": " + message));
    }

    List<String> lines() {
      return List.copyOf(lines);
    }
  }
}
