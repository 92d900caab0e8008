package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.controller.runtime.testing.FakeClock;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heartbeat with a fake clock: Lease every 10 s, conditions every minute. */
class NodeHeartbeatTest {

  @TempDir
  Path temp;

  private ApiServer server;
  private KubernetesClient client;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
  private NodeHeartbeat heartbeat;

  @BeforeEach
  void start() throws Exception {
    server = ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0));
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(server.url()).build()).build();
    NodeAgentConfig config = NodeAgentConfig.defaults("hb", temp)
        .withHeartbeats(Duration.ofSeconds(10), Duration.ofMinutes(1));
    heartbeat = new NodeHeartbeat(client, clock, clock, config);
    heartbeat.register(MachineInfo.read(temp), "process://test", 10250);
  }

  @AfterEach
  void stop() {
    heartbeat.close();
    client.close();
    server.close();
  }

  @Test
  void aNodeMarkedUnknownSaysReadyAgainAtItsNextLeaseRenewal() {
    // What the node lifecycle controller writes while it cannot hear from the node.
    client.nodes().withName("hb").subresource("status").patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"conditions\":[{\"type\":"
            + "\"Ready\",\"status\":\"Unknown\",\"reason\":\"NodeStatusUnknown\"}]}}");
    assertThat(ready()).isEqualTo("Unknown");

    clock.advance(Duration.ofSeconds(10));

    assertThat(ready()).isEqualTo("True");
  }

  @Test
  void aReadyNodeOnlyRenewsItsLease() {
    String version = client.nodes().withName("hb").get().getMetadata().getResourceVersion();
    clock.advance(Duration.ofSeconds(30));
    assertThat(client.nodes().withName("hb").get().getMetadata().getResourceVersion())
        .isEqualTo(version);
    assertThat(client.leases().inNamespace("kube-node-lease").withName("hb").get().getSpec()
        .getRenewTime().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:00:30Z"));
  }

  private String ready() {
    Node node = client.nodes().withName("hb").get();
    return node.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready"))
        .map(c -> c.getStatus()).findFirst().orElse("");
  }
}
