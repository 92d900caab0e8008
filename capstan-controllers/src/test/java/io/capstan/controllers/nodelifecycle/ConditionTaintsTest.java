package io.capstan.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionTaintsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Taint OTHER = new TaintBuilder().withKey("dedicated").withValue("db")
      .withEffect("NoSchedule").build();

  @Test
  void anUnknownNodeIsTaintedUnreachableWithBothEffects() {
    List<Taint> taints = ConditionTaints.desired(List.of(OTHER), "Unknown", NOW);
    assertThat(taints).extracting(Taint::getKey, Taint::getEffect, Taint::getTimeAdded)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dedicated", "NoSchedule", null),
            org.assertj.core.groups.Tuple.tuple(ConditionTaints.UNREACHABLE, "NoSchedule", null),
            org.assertj.core.groups.Tuple.tuple(ConditionTaints.UNREACHABLE, "NoExecute",
                "2026-03-01T10:00:00Z"));
  }

  @Test
  void taintsAlreadyThereKeepTheirTimeAndTheSecondPassChangesNothing() {
    List<Taint> first = ConditionTaints.desired(List.of(), "Unknown", NOW);
    assertThat(ConditionTaints.desired(first, "Unknown", NOW.plusSeconds(30))).isEqualTo(first);
  }

  @Test
  void readyFalseSwapsUnreachableForNotReadyAndReadyTrueClearsBoth() {
    List<Taint> unreachable = ConditionTaints.desired(List.of(OTHER), "Unknown", NOW);
    List<Taint> notReady = ConditionTaints.desired(unreachable, "False", NOW);
    assertThat(notReady).extracting(Taint::getKey).containsExactly("dedicated",
        ConditionTaints.NOT_READY, ConditionTaints.NOT_READY);
    assertThat(ConditionTaints.desired(notReady, "True", NOW)).containsExactly(OTHER);
  }

  @Test
  void aNodeWithoutAReadyConditionKeepsItsTaints() {
    List<Taint> unreachable = ConditionTaints.desired(List.of(), "Unknown", NOW);
    assertThat(ConditionTaints.desired(unreachable, "", NOW)).isEqualTo(unreachable);
  }
}
