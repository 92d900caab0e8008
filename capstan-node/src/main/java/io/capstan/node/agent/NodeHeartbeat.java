package io.capstan.node.agent;

import io.capstan.node.kubelet.NodeConditions;
import io.capstan.controller.runtime.Scheduler;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the agent's Node and keeps it alive: the Lease in {@code kube-node-lease} is renewed
 * every heartbeat, the Ready condition's heartbeat at the slower node-status pace (the split the
 * kubelet has made since node leases exist, so a large cluster writes few Node updates). Stopping
 * leaves the Node in place; its lease then expires.
 */
final class NodeHeartbeat implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final Scheduler scheduler;
  private final NodeAgentConfig config;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Instant readySince;
  private Scheduler.Cancellable leaseTask = () -> {};
  private Scheduler.Cancellable statusTask = () -> {};

  NodeHeartbeat(KubernetesClient client, Clock clock, Scheduler scheduler,
      NodeAgentConfig config) {
    this.client = client;
    this.clock = clock;
    this.scheduler = scheduler;
    this.config = config;
    this.readySince = clock.instant();
  }

  /** Creates or updates the Node and its Lease, then starts the periodic renewals. */
  void register(MachineInfo machine, String runtimeVersion, int endpointPort) {
    ensureLeaseNamespace();
    Instant now = clock.instant();
    String name = config.nodeName();
    if (client.nodes().withName(name).get() == null) {
      try {
        client.nodes().resource(NodeDocuments.node(config, machine)).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
    patchNodeStatus(Serialization.asJson(NodeDocuments.status(config, machine, runtimeVersion,
        endpointPort, readySince, now)));
    if (client.leases().inNamespace(NodeDocuments.LEASE_NAMESPACE).withName(name).get()
        == null) {
      client.leases().inNamespace(NodeDocuments.LEASE_NAMESPACE)
          .resource(NodeDocuments.lease(name, now)).create();
    } else {
      renewLease(now);
    }
    LOG.info("node {} registered", name);
    leaseTask = scheduler.schedule(config.heartbeatInterval(), this::renewLeasePeriodically);
    statusTask = scheduler.schedule(config.nodeStatusInterval(), this::reportStatus);
  }

  private void ensureLeaseNamespace() {
    if (client.namespaces().withName(NodeDocuments.LEASE_NAMESPACE).get() != null) {
      return;
    }
    try {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName(NodeDocuments.LEASE_NAMESPACE).endMetadata().build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  private void renewLease(Instant now) {
    String body = Serialization.asJson(Map.of("spec",
        NodeDocuments.lease(config.nodeName(), now).getSpec()));
    client.leases().inNamespace(NodeDocuments.LEASE_NAMESPACE).withName(config.nodeName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), body);
  }

  private void renewLeasePeriodically() {
    if (closed.get()) {
      return;
    }
    try {
      renewLease(clock.instant());
      // As the kubelet compares the Node in the API with its own view every 10 s: when the node
      // lifecycle controller marked it Unknown (say, across a network partition), say Ready again
      // now rather than at the next status report, so the node's taints go at once.
      Node node = client.nodes().withName(config.nodeName()).get();
      if (node != null && !ready(node)) {
        LOG.info("node {} is not Ready in the API; reporting its status again",
            config.nodeName());
        postConditions();
      }
    } catch (KubernetesClientException e) {
      LOG.warn("could not renew lease of node {}: {}", config.nodeName(), e.getMessage());
    }
    leaseTask = scheduler.schedule(config.heartbeatInterval(), this::renewLeasePeriodically);
  }

  private void reportStatus() {
    if (closed.get()) {
      return;
    }
    try {
      postConditions();
    } catch (KubernetesClientException e) {
      LOG.warn("could not report status of node {}: {}", config.nodeName(), e.getMessage());
    }
    statusTask = scheduler.schedule(config.nodeStatusInterval(), this::reportStatus);
  }

  private void postConditions() {
    patchNodeStatus("{\"conditions\":" + Serialization.asJson(
        NodeConditions.healthy(readySince, clock.instant())) + "}");
  }

  private static boolean ready(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void patchNodeStatus(String statusJson) {
    client.nodes().withName(config.nodeName()).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + statusJson + "}");
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      leaseTask.cancel();
      statusTask.cancel();
    }
  }
}
