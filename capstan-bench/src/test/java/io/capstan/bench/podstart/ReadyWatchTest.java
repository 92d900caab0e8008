package io.capstan.bench.podstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Watcher.Action;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadyWatchTest {

  private static Pod pod(String name, String ready) {
    PodBuilder builder = new PodBuilder().withNewMetadata().withName(name).endMetadata();
    return ready == null ? builder.build() : builder.withNewStatus().addNewCondition()
        .withType("Ready").withStatus(ready).endCondition().endStatus().build();
  }

  @Test
  void recordsOnlyTheFirstReadyEventPerPod() throws InterruptedException {
    ReadyWatch watch = new ReadyWatch(2);
    watch.eventReceived(Action.ADDED, pod("a", null));
    watch.eventReceived(Action.MODIFIED, pod("a", "False"));
    assertThat(watch.readyNanos()).isEmpty();
    watch.eventReceived(Action.MODIFIED, pod("a", "True"));
    long first = watch.readyNanos().get("a");
    watch.eventReceived(Action.MODIFIED, pod("a", "True"));
    assertThat(watch.readyNanos()).containsEntry("a", first).hasSize(1);
    assertThat(watch.awaitAll(0, TimeUnit.MILLISECONDS)).isFalse();
    watch.eventReceived(Action.MODIFIED, pod("b", "True"));
    assertThat(watch.awaitAll(0, TimeUnit.MILLISECONDS)).isTrue();
  }

  @Test
  void recordsEachMilestoneWhenFirstSeen() {
    ReadyWatch watch = new ReadyWatch(1);
    watch.eventReceived(Action.MODIFIED, new PodBuilder().withNewMetadata().withName("a")
        .endMetadata().withNewSpec().withNodeName("n").endSpec().build());
    assertThat(watch.seenNanos(Milestone.SCHEDULED)).containsKey("a");
    assertThat(watch.seenNanos(Milestone.STARTED)).isEmpty();
    watch.eventReceived(Action.MODIFIED, new PodBuilder().withNewMetadata().withName("a")
        .endMetadata().withNewSpec().withNodeName("n").endSpec().withNewStatus()
        .addNewContainerStatus().withName("c").withNewState().withNewRunning().endRunning()
        .endState().endContainerStatus().endStatus().build());
    assertThat(watch.seenNanos(Milestone.STARTED)).containsKey("a");
    assertThat(watch.readyNanos()).isEmpty();
  }

  @Test
  void ignoresDeletions() {
    ReadyWatch watch = new ReadyWatch(1);
    watch.eventReceived(Action.DELETED, pod("a", "True"));
    assertThat(watch.readyNanos()).isEmpty();
  }
}
