package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PodFailureTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");
  private static final String PROBE = "{\"exec\":{\"command\":[\"true\"]},\"periodSeconds\":5}";

  record Case(String name, String status, String probe, Optional<String> described) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("crash loop", """
            {"name":"app","restartCount":1,"ready":false,
             "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 10s"}}}""",
            "", Optional.of("pod web-1 container app: CrashLoopBackOff (back-off 10s)")),
        new Case("config error", """
            {"name":"app","restartCount":0,"ready":false,"state":{"waiting":{
              "reason":"CreateContainerConfigError","message":"configmap \\"c\\" not found"}}}""",
            "", Optional.of("pod web-1 container app: CreateContainerConfigError "
                + "(configmap \"c\" not found)")),
        new Case("image pull back-off", """
            {"name":"app","restartCount":0,"ready":false,
             "state":{"waiting":{"reason":"ImagePullBackOff"}}}""",
            "", Optional.of("pod web-1 container app: ImagePullBackOff")),
        new Case("just created", """
            {"name":"app","restartCount":0,"ready":false,
             "state":{"waiting":{"reason":"ContainerCreating"}}}""", "", Optional.empty()),
        new Case("exited twice", """
            {"name":"app","restartCount":2,"ready":false,"state":{"running":{
              "startedAt":"2026-01-01T00:00:59Z"}},
             "lastState":{"terminated":{"exitCode":3,"reason":"Error"}}}""", "",
            Optional.of("pod web-1 container app: Error (exit code 3, restarted 2 times)")),
        new Case("exited once", """
            {"name":"app","restartCount":1,"ready":false,"state":{"running":{
              "startedAt":"2026-01-01T00:00:59Z"}},
             "lastState":{"terminated":{"exitCode":3,"reason":"Error"}}}""", "",
            Optional.empty()),
        new Case("restarted twice after clean exits", """
            {"name":"app","restartCount":2,"ready":true,"state":{"running":{
              "startedAt":"2026-01-01T00:00:59Z"}},
             "lastState":{"terminated":{"exitCode":0,"reason":"Completed"}}}""", "",
            Optional.empty()),
        new Case("unready past the grace", """
            {"name":"app","restartCount":0,"ready":false,"state":{"running":{
              "startedAt":"2026-01-01T00:00:00Z"}}}""", PROBE,
            Optional.of("pod web-1 container app: NotReady (readiness probe failing for more "
                + "than 20s)")),
        new Case("unready within the grace", """
            {"name":"app","restartCount":0,"ready":false,"state":{"running":{
              "startedAt":"2026-01-01T00:00:45Z"}}}""", PROBE, Optional.empty()),
        new Case("unready without a probe", """
            {"name":"app","restartCount":0,"ready":false,"state":{"running":{
              "startedAt":"2026-01-01T00:00:00Z"}}}""", "", Optional.empty()),
        new Case("running and ready", """
            {"name":"app","restartCount":0,"ready":true,"state":{"running":{
              "startedAt":"2026-01-01T00:00:00Z"}}}""", PROBE, Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void detectsWhatWillNotRecover(Case c) {
    String container = c.probe().isEmpty() ? "{\"name\":\"app\"}"
        : "{\"name\":\"app\",\"readinessProbe\":" + c.probe() + "}";
    String pod = """
        {"metadata":{"name":"web-1"},"spec":{"containers":[%s]},
         "status":{"containerStatuses":[%s]}}""".formatted(container, c.status());
    assertThat(PodFailure.detect(Json.MAPPER.readTree(pod), NOW).map(PodFailure::describe))
        .isEqualTo(c.described());
  }

  @org.junit.jupiter.api.Test
  void aTerminatingPodIsNotAFailure() {
    String pod = """
        {"metadata":{"name":"web-1","deletionTimestamp":"2026-01-01T00:00:00Z"},
         "status":{"containerStatuses":[{"name":"app","restartCount":5,
          "state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}""";
    assertThat(PodFailure.detect(Json.MAPPER.readTree(pod), NOW)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void graceCountsTheDelayAndAtLeastThreeFailuresPlusOnePeriod() {
    var spec = Json.MAPPER.readTree("""
        {"containers":[{"name":"app","readinessProbe":{"initialDelaySeconds":5,
          "periodSeconds":2,"failureThreshold":1}}]}""");
    assertThat(PodFailure.readinessGrace(spec, "app")).contains(java.time.Duration.ofSeconds(13));
    assertThat(PodFailure.readinessGrace(Json.MAPPER.readTree(
        "{\"containers\":[{\"name\":\"app\",\"readinessProbe\":{}}]}"), "app"))
        .contains(java.time.Duration.ofSeconds(40));
  }
}
