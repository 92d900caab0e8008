package io.capstan.proxy.draining;

import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.draining.Draining;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's Lease {@code capstan-proxy-<node>} in {@code kube-node-lease}: written at start,
 * renewed every {@link Draining#LEASE_RENEWAL}, deleted on close so the agents stop waiting for
 * this proxy's acknowledgements at once rather than when the Lease expires.
 */
public final class ProxyLease implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyLease.class);

  private final KubernetesClient client;
  private final String nodeName;
  private final Clock clock;
  private final Scheduler scheduler;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Scheduler.Cancellable renewal = () -> {};

  public ProxyLease(KubernetesClient client, String nodeName, Clock clock, Scheduler scheduler) {
    this.client = client;
    this.nodeName = nodeName;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** Writes the Lease now and starts renewing it. */
  public void start() {
    ensureNamespace();
    write();
    renewal = scheduler.schedule(Draining.LEASE_RENEWAL, this::renewPeriodically);
  }

  private void renewPeriodically() {
    if (closed.get()) {
      return;
    }
    try {
      write();
    } catch (KubernetesClientException e) {
      LOG.warn("could not renew proxy lease of node {}: {}", nodeName, e.getMessage());
    }
    if (!closed.get()) {
      renewal = scheduler.schedule(Draining.LEASE_RENEWAL, this::renewPeriodically);
    }
  }

  private void write() {
    Lease lease = new LeaseBuilder().withNewMetadata()
        .withName(Draining.proxyLeaseName(nodeName))
        .withNamespace(Draining.LEASE_NAMESPACE).endMetadata()
        .withNewSpec().withHolderIdentity(nodeName)
        .withLeaseDurationSeconds((int) Draining.LEASE_DURATION.toSeconds())
        .withRenewTime(clock.instant().truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC))
        .endSpec().build();
    Resource<Lease> resource = lease();
    Lease current = resource.get();
    if (current == null) {
      try {
        client.leases().inNamespace(Draining.LEASE_NAMESPACE).resource(lease).create();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        current = resource.get();
      }
    }
    current.setSpec(lease.getSpec());
    client.leases().inNamespace(Draining.LEASE_NAMESPACE).resource(current).update();
  }

  private Resource<Lease> lease() {
    return client.leases().inNamespace(Draining.LEASE_NAMESPACE)
        .withName(Draining.proxyLeaseName(nodeName));
  }

  private void ensureNamespace() {
    if (client.namespaces().withName(Draining.LEASE_NAMESPACE).get() != null) {
      return;
    }
    try {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName(Draining.LEASE_NAMESPACE).endMetadata().build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  /** Stops renewing and deletes the Lease. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    renewal.cancel();
    try {
      lease().delete();
    } catch (KubernetesClientException e) {
      LOG.warn("could not delete proxy lease of node {}: {}", nodeName, e.getMessage());
    }
  }
}
