package io.capstan.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TaintEvictionTest {

  private static final Instant ADDED = Instant.parse("2026-03-01T10:00:00Z");
  private static final Taint UNREACHABLE = taint("node.kubernetes.io/unreachable", "NoExecute");
  private static final Taint NOT_READY = taint("node.kubernetes.io/not-ready", "NoExecute");

  record Case(String name, List<Taint> taints, List<Toleration> tolerations, String created,
      Optional<Instant> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    Toleration unreachable300 = toleration("node.kubernetes.io/unreachable", "Exists", "NoExecute",
        300L);
    Toleration notReady300 = toleration("node.kubernetes.io/not-ready", "Exists", "NoExecute",
        300L);
    return Stream.of(
        new Case("no NoExecute taint: stays", List.of(taint("dedicated", "NoSchedule")),
            List.of(), "2026-03-01T09:00:00Z", Optional.empty()),
        new Case("the default tolerations: 300 s after the taint", List.of(UNREACHABLE),
            List.of(notReady300, unreachable300), "2026-03-01T09:00:00Z",
            Optional.of(ADDED.plusSeconds(300))),
        new Case("an untolerated taint: at once", List.of(UNREACHABLE), List.of(notReady300),
            "2026-03-01T09:00:00Z", Optional.of(Instant.EPOCH)),
        new Case("tolerated for good without seconds", List.of(UNREACHABLE),
            List.of(toleration("node.kubernetes.io/unreachable", "Exists", "", null)),
            "2026-03-01T09:00:00Z", Optional.empty()),
        new Case("an empty key with Exists tolerates everything", List.of(UNREACHABLE, NOT_READY),
            List.of(toleration("", "Exists", "", 60L)), "2026-03-01T09:00:00Z",
            Optional.of(ADDED.plusSeconds(60))),
        new Case("the shortest toleration of two taints counts", List.of(UNREACHABLE, NOT_READY),
            List.of(toleration("node.kubernetes.io/unreachable", "Exists", "NoExecute", 30L),
                notReady300), "2026-03-01T09:00:00Z", Optional.of(ADDED.plusSeconds(30))),
        new Case("a NoSchedule toleration does not tolerate NoExecute", List.of(UNREACHABLE),
            List.of(toleration("node.kubernetes.io/unreachable", "Exists", "NoSchedule", null)),
            "2026-03-01T09:00:00Z", Optional.of(Instant.EPOCH)),
        new Case("a pod created after the taint counts from its creation", List.of(UNREACHABLE),
            List.of(unreachable300), "2026-03-01T10:01:00Z",
            Optional.of(Instant.parse("2026-03-01T10:06:00Z"))),
        new Case("negative seconds mean at once", List.of(UNREACHABLE),
            List.of(toleration("node.kubernetes.io/unreachable", "Exists", "NoExecute", -5L)),
            "2026-03-01T09:00:00Z", Optional.of(ADDED)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evictionTime(Case c) {
    Pod pod = new PodBuilder().withNewMetadata().withName("p")
        .withCreationTimestamp(c.created()).endMetadata()
        .withNewSpec().withTolerations(c.tolerations()).endSpec().build();
    assertThat(TaintEviction.evictionTime(pod, c.taints(), taint -> ADDED))
        .isEqualTo(c.expected());
  }

  private static Taint taint(String key, String effect) {
    return new TaintBuilder().withKey(key).withEffect(effect).build();
  }

  private static Toleration toleration(String key, String operator, String effect,
      Long seconds) {
    return new TolerationBuilder().withKey(key).withOperator(operator).withEffect(effect)
        .withTolerationSeconds(seconds).build();
  }
}
