package io.capstan.node.simulated;

import io.capstan.node.kubelet.NodeConditions;
import io.capstan.controller.runtime.Scheduler;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of simulated nodes: registers the Nodes, renews their Leases every heartbeat, refreshes
 * the Ready condition's heartbeat at the slower node-status pace, and runs the pods bound to them
 * through {@link PodSimulator}. Closing stops all of that but leaves the Node objects in place,
 * as a stopped kubelet would; their leases then expire.
 */
public final class SimulatedNodes implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedNodes.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final Scheduler scheduler;
  private final SimulatedNodesConfig config;
  private final Map<String, String> nodeAddresses = new LinkedHashMap<>();
  private final Instant readySince;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final PodSimulator pods;
  private Runnable unwatch = () -> {};
  private Scheduler.Cancellable leaseTask = () -> {};
  private Scheduler.Cancellable statusTask = () -> {};

  private SimulatedNodes(KubernetesClient client, Clock clock, Scheduler scheduler,
      SimulatedNodesConfig config) {
    this(client, clock, scheduler, config, java.util.stream.IntStream.range(0, config.count())
        .mapToObj(config::nodeName).toList());
  }

  private SimulatedNodes(KubernetesClient client, Clock clock, Scheduler scheduler,
      SimulatedNodesConfig config, List<String> names) {
    this.client = client;
    this.clock = clock;
    this.scheduler = scheduler;
    this.config = config;
    this.readySince = clock.instant();
    for (int i = 0; i < names.size(); i++) {
      nodeAddresses.put(names.get(i), Addresses.node(i));
    }
    this.pods = new PodSimulator(client, clock, scheduler, config, nodeAddresses);
  }

  /**
   * One simulated node called {@code name}, acting with that node's own identity: it watches only
   * the pods bound to it, as a kubelet does ({@code capstan agent --runtime simulated}). The
   * config's name prefix and count are not used.
   */
  public static SimulatedNodes startOne(KubernetesClient client, String name, Clock clock,
      Scheduler scheduler, SimulatedNodesConfig config) {
    SimulatedNodes nodes = new SimulatedNodes(client, clock, scheduler, config, List.of(name));
    nodes.register();
    SharedIndexInformer<Pod> informer = client.pods().inAnyNamespace()
        .withField("spec.nodeName", name).inform(nodes.pods, 0);
    nodes.unwatch = informer::close;
    nodes.startHeartbeats();
    return nodes;
  }

  /** Registers the nodes, starts their heartbeats and begins running pods bound to them. */
  public static SimulatedNodes start(KubernetesClient client, Clock clock, Scheduler scheduler,
      SimulatedNodesConfig config) {
    SimulatedNodes nodes = new SimulatedNodes(client, clock, scheduler, config);
    nodes.register();
    SharedIndexInformer<Pod> informer = client.pods().inAnyNamespace().inform(nodes.pods, 0);
    nodes.unwatch = informer::close;
    nodes.startHeartbeats();
    return nodes;
  }

  /**
   * As {@link #start(KubernetesClient, Clock, Scheduler, SimulatedNodesConfig)}, following pods
   * through an informer shared with others (running or not: its owner starts and stops it).
   */
  public static SimulatedNodes start(KubernetesClient client, SharedIndexInformer<Pod> pods,
      Clock clock, Scheduler scheduler, SimulatedNodesConfig config) {
    SimulatedNodes nodes = new SimulatedNodes(client, clock, scheduler, config);
    nodes.register();
    pods.addEventHandler(nodes.pods);
    nodes.unwatch = () -> pods.removeEventHandler(nodes.pods);
    nodes.startHeartbeats();
    return nodes;
  }

  private void startHeartbeats() {
    leaseTask = scheduler.schedule(config.heartbeatInterval(), this::renewLeases);
    statusTask = scheduler.schedule(config.nodeStatusInterval(), this::reportStatus);
  }

  /** The names of the simulated nodes, in order. */
  public List<String> nodeNames() {
    return List.copyOf(nodeAddresses.keySet());
  }

  /** Whether a pod bound to these nodes has been seen and is being simulated. */
  public boolean tracks(String namespace, String name) {
    return pods.tracks(namespace, name);
  }

  private void register() {
    if (client.namespaces().withName(NodeObjects.LEASE_NAMESPACE).get() == null) {
      try {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
            .withName(NodeObjects.LEASE_NAMESPACE).endMetadata().build()).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
    Instant now = clock.instant();
    nodeAddresses.forEach((name, address) -> {
      if (client.nodes().withName(name).get() == null) {
        client.nodes().resource(NodeObjects.node(name)).create();
      }
      patchNodeStatus(name, Serialization.asJson(NodeObjects.status(name, address,
          config.capacity(), readySince, now)));
      if (client.leases().inNamespace(NodeObjects.LEASE_NAMESPACE).withName(name).get() == null) {
        client.leases().inNamespace(NodeObjects.LEASE_NAMESPACE)
            .resource(NodeObjects.lease(name, now)).create();
      } else {
        renewLease(name, now);
      }
    });
  }

  private void renewLease(String name, Instant now) {
    String body = Serialization.asJson(Map.of("spec", NodeObjects.lease(name, now).getSpec()));
    client.leases().inNamespace(NodeObjects.LEASE_NAMESPACE).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), body);
  }

  private void renewLeases() {
    if (closed.get()) {
      return;
    }
    Instant now = clock.instant();
    for (String name : nodeAddresses.keySet()) {
      try {
        renewLease(name, now);
      } catch (KubernetesClientException e) {
        LOG.warn("could not renew lease of node {}: {}", name, e.getMessage());
      }
    }
    leaseTask = scheduler.schedule(config.heartbeatInterval(), this::renewLeases);
  }

  private void reportStatus() {
    if (closed.get()) {
      return;
    }
    Instant now = clock.instant();
    String conditions = Serialization.asJson(NodeConditions.healthy(readySince, now));
    for (String name : nodeAddresses.keySet()) {
      try {
        patchNodeStatus(name, "{\"conditions\":" + conditions + "}");
      } catch (KubernetesClientException e) {
        LOG.warn("could not report status of node {}: {}", name, e.getMessage());
      }
    }
    statusTask = scheduler.schedule(config.nodeStatusInterval(), this::reportStatus);
  }

  private void patchNodeStatus(String name, String statusJson) {
    client.nodes().withName(name).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + statusJson + "}");
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    leaseTask.cancel();
    statusTask.cancel();
    unwatch.run();
    pods.stop();
  }
}
