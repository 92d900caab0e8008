package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once its containers are gone the agent deletes a terminating pod for good exactly once, as the
 * kubelet's status manager does: a status event that arrives before the pod's DELETED event must
 * not send a second DELETE, which would reach a pod that no longer exists (and which a server's
 * Node authorizer, no longer knowing the pod, refuses with a 403).
 */
class AgentFinalDeleteTest {

  @TempDir
  Path temp;

  private ForbiddingServer forbidding;
  private RequestRecorder recorder;
  private AgentFixture fixture;

  @BeforeEach
  void start() throws Exception {
    forbidding = new ForbiddingServer();
    recorder = new RequestRecorder(forbidding.uri());
    fixture = new AgentFixture(temp, false);
    fixture.agentClient = recorder.client(fixture.server.url());
    fixture.startAgent();
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
    forbidding.close();
  }

  @Test
  void aTerminatingPodIsDeletedForGoodOnce() {
    // A finalizer keeps the pod after the agent's final DELETE, so that the events that follow it
    // (the DELETE's own update, a label) reach the agent while the pod still exists.
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(
        fixture.podBuilder("held", "Always", "sleep 60").editMetadata()
            .addToFinalizers("example.com/hold").endMetadata().build()).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> running("held"));

    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).withName("held").delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> finalDeletes() >= 1);
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).withName("held")
        .edit(p -> new PodBuilder(p).editMetadata().addToLabels("poked", "yes").endMetadata()
            .build());
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> finalDeletes() == 1);

    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).withName("held")
        .edit(p -> new PodBuilder(p).editMetadata().withFinalizers(List.of()).endMetadata()
            .build());
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.pod("held") == null);
    assertThat(finalDeletes()).isEqualTo(1);
  }

  private long finalDeletes() {
    return recorder.requests().stream().filter(r -> r.method().equals("DELETE")
        && r.path().equals("/api/v1/namespaces/" + AgentFixture.NAMESPACE + "/pods/held"))
        .count();
  }

  private boolean running(String name) {
    var statuses = fixture.pod(name).getStatus().getContainerStatuses();
    return statuses != null && !statuses.isEmpty()
        && statuses.getFirst().getState().getRunning() != null;
  }
}
