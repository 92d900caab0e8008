package io.capstan.apiserver.bootstrap;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.store.StoreException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-apiserver's {@code --endpoint-reconciler-type=lease}: every server renews its own lease
 * ({@link MasterLeases}) and then writes the {@code default/kubernetes} endpoints to name every
 * server whose lease is alive, each {@link #INTERVAL} (Kubernetes' {@code
 * EndpointReconcilerInterval}, 10 s, against a lease TTL of 15 s). A server stopping cleanly
 * removes its lease and itself from the endpoints at once; one that dies drops out once its
 * lease has gone a TTL without renewal. Every server runs it, as every kube-apiserver does: they
 * agree on the set of leases, so their writes converge.
 */
public final class LeaseEndpointReconciler {

  public static final Duration INTERVAL = Duration.ofSeconds(10);
  public static final Duration TTL = Duration.ofSeconds(15);

  private static final Logger LOG = LoggerFactory.getLogger(LeaseEndpointReconciler.class);

  private final MasterLeases leases;
  private final KubernetesService kubernetes;
  private final MasterLeases.Holder self;
  private boolean stopped;

  public LeaseEndpointReconciler(MasterLeases leases, KubernetesService kubernetes,
      MasterLeases.Holder self) {
    this.leases = leases;
    this.kubernetes = kubernetes;
    this.self = self;
  }

  /** Renews this server's lease and reconciles the endpoints; failures are logged. */
  public synchronized void reconcile() {
    if (stopped) {
      return;
    }
    try {
      leases.renew(self);
      List<MasterLeases.Holder> live = leases.live();
      if (!live.contains(self)) {
        // Expired and deleted by another server between the renewal and the list: still here.
        live = new java.util.ArrayList<>(live);
        live.add(self);
        live.sort(null);
      }
      kubernetes.reconcileEndpoints(live);
    } catch (ApiException e) {
      if (e.code() == 409) {
        // Another server wrote them at the same moment; the next round sees its result.
        LOG.debug("kubernetes endpoints written concurrently: {}", e.getMessage());
      } else {
        LOG.warn("cannot reconcile the kubernetes endpoints: {}", e.getMessage());
      }
    } catch (StoreException e) {
      LOG.warn("cannot reconcile the kubernetes endpoints: {}", e.getMessage());
    }
  }

  /** {@code RemoveEndpoints}: gives up the lease and takes this server out of the endpoints. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      leases.remove(self);
      kubernetes.reconcileEndpoints(leases.live().stream().filter(h -> !h.equals(self))
          .toList());
    } catch (RuntimeException e) {
      // Stopping goes on regardless (the store may be gone already); the lease then expires.
      LOG.warn("cannot remove this server from the kubernetes endpoints: {}", e.toString());
    }
  }
}
