package io.capstan.node.agent;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.controller.runtime.SystemScheduler;
import io.capstan.node.runtime.process.ProcessRuntime;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * An in-process API server and a node agent on the real process runtime, with timings shrunk so
 * heartbeats, back-offs and relists happen within a test. Every fixture owns a namespace-free
 * temp directory and a marker that each test container carries in its command line, so tests can
 * tell their processes from everything else on the machine.
 */
final class AgentFixture implements AutoCloseable {

  static final String NAMESPACE = "default";
  static final String NODE = "agent-node";

  final Path dataDir;
  final ApiServer server;
  final KubernetesClient client;
  final SystemScheduler scheduler = new SystemScheduler("agent-test");
  final String marker = "capstan-test-" + UUID.randomUUID();
  /** The client the agent uses; a test may swap in its own before starting the agent. */
  KubernetesClient agentClient;
  NodeAgent agent;

  AgentFixture(Path dataDir) throws Exception {
    this(dataDir, true);
  }

  /** With {@code startAgent} false, the test starts the agent once it has created objects. */
  AgentFixture(Path dataDir, boolean startAgent) throws Exception {
    this.dataDir = dataDir;
    server = ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0));
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(server.url()).withRequestRetryBackoffLimit(0).build()).build();
    agentClient = client;
    if (startAgent) {
      startAgent();
    }
  }

  static NodeAgentConfig config(Path dataDir) {
    return NodeAgentConfig.defaults(NODE, dataDir)
        .withHeartbeats(Duration.ofMillis(500), Duration.ofSeconds(1))
        .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMinutes(10))
        .withSyncIntervals(Duration.ofMillis(200), Duration.ofSeconds(2));
  }

  void startAgent() throws Exception {
    startAgent(runtime -> runtime);
  }

  /** Starts the agent on the process runtime as {@code wrap} decorates it. */
  void startAgent(java.util.function.UnaryOperator<io.capstan.node.runtime.ContainerRuntime> wrap)
      throws Exception {
    var runtime = wrap.apply(ProcessRuntime.open(dataDir.resolve("runtime"),
        Clock.systemUTC()));
    NodeAgentConfig config = config(dataDir);
    agent = NodeAgent.start(agentClient, config,
        NodeAgentParts.standard(runtime, config, Clock.systemUTC(), scheduler),
        Clock.systemUTC(), scheduler);
  }

  /** A pod on the agent's node whose containers run {@code sh -c script} (marked). */
  Pod createPod(String name, String restartPolicy, String... scripts) {
    PodBuilder builder = podBuilder(name, restartPolicy, scripts);
    return client.pods().inNamespace(NAMESPACE).resource(builder.build()).create();
  }

  PodBuilder podBuilder(String name, String restartPolicy, String... scripts) {
    PodBuilder builder = new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withNodeName(NODE).withRestartPolicy(restartPolicy)
        .withTerminationGracePeriodSeconds(5L).endSpec();
    for (int i = 0; i < scripts.length; i++) {
      builder.editSpec().addNewContainer().withName(scripts.length == 1 ? "app" : "c" + i)
          .withImage("busybox").withCommand(shell(scripts[i])).endContainer().endSpec();
    }
    return builder;
  }

  /** {@code sh -c script marker}: the marker becomes $0, visible in the process' command line. */
  List<String> shell(String script) {
    return List.of("/bin/sh", "-c", script, marker);
  }

  Pod pod(String name) {
    return client.pods().inNamespace(NAMESPACE).withName(name).get();
  }

  /** Live processes whose command line carries this fixture's marker. */
  long markedProcesses() {
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().arguments().map(List::of)
            .map(args -> args.contains(marker)).orElse(false)
            || process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
        .count();
  }

  @Override
  public void close() {
    if (agent != null) {
      agent.close();
    }
    if (agentClient != client) {
      agentClient.close();
    }
    client.close();
    server.close();
    scheduler.close();
  }
}
