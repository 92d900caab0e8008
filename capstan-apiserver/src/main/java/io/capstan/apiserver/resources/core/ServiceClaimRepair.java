package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.allocation.AllocationException;
import io.capstan.apiserver.allocation.ClaimRepair;
import io.capstan.apiserver.allocation.IpAllocator;
import io.capstan.apiserver.allocation.PortAllocator;
import io.capstan.apiserver.allocation.StoreClaims;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.registry.StoredObjects;
import io.capstan.store.Store;
import io.capstan.store.StoreException;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster IP and node port repair loops of servers sharing a store ({@link ClaimRepair}),
 * every {@link #INTERVAL} (Kubernetes' {@code repairLoopInterval}) against the stored Services.
 */
public final class ServiceClaimRepair {

  public static final Duration INTERVAL = Duration.ofMinutes(3);

  private static final Logger LOG = LoggerFactory.getLogger(ServiceClaimRepair.class);

  private final Store store;
  private final ResourceType services;
  private final ClaimRepair ips;
  private final ClaimRepair ports;

  public ServiceClaimRepair(Store store, ResourceType services, IpAllocator ipRange,
      StoreClaims ipClaims, PortAllocator portRange, StoreClaims portClaims) {
    this.store = store;
    this.services = services;
    this.ips = new ClaimRepair(ipClaims, "cluster IP", ip -> {
      try {
        ipRange.checkInRange(ip);
        return true;
      } catch (AllocationException e) {
        return false;
      }
    });
    this.ports = new ClaimRepair(portClaims, "node port", port -> {
      try {
        portRange.checkInRange(Integer.parseInt(port));
        return true;
      } catch (NumberFormatException | AllocationException e) {
        return false;
      }
    });
  }

  /** Runs both loops every {@link #INTERVAL} on a worker thread of {@code vertx}. */
  public void schedule(Vertx vertx) {
    vertx.setPeriodic(INTERVAL.toMillis(), id -> vertx.executeBlocking(() -> {
      runOnce();
      return null;
    }));
  }

  /** One round of both loops; a store failure is logged and the next round tries again. */
  public void runOnce() {
    try {
      ips.runOnce(() -> ServiceAllocations.heldClusterIps(StoredObjects.list(store, services)));
      ports.runOnce(() -> ServiceAllocations.heldNodePorts(StoredObjects.list(store, services)));
    } catch (StoreException e) {
      LOG.warn("cannot repair the Service address claims: {}", e.getMessage());
    }
  }
}
