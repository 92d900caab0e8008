package io.capstan.apiserver.allocation;

import io.capstan.apiserver.registry.StorageHooks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The addresses and ports one write reserves and gives back, as Kubernetes' allocation
 * transactions: what it reserved is returned on {@link #revert} (the write failed), what it
 * gives back is only returned on {@link #commit} (the write succeeded, so nothing refers to it
 * any more). A dry run reserves nothing: requests are checked, and new values are only reported.
 */
public final class Reservation implements StorageHooks.Transaction {

  private final IpAllocator ips;
  private final PortAllocator ports;
  private final boolean dryRun;
  private final List<String> reservedIps = new ArrayList<>();
  private final List<Integer> reservedPorts = new ArrayList<>();
  private final List<String> releasedIps = new ArrayList<>();
  private final List<Integer> releasedPorts = new ArrayList<>();
  /** Ports a dry run has reported, so one request never gets the same port twice. */
  private final Set<Integer> dryRunPorts = new HashSet<>();

  public Reservation(IpAllocator ips, PortAllocator ports, boolean dryRun) {
    this.ips = ips;
    this.ports = ports;
    this.dryRun = dryRun;
  }

  public void allocateIp(String ip) {
    if (dryRun) {
      ips.checkInRange(ip);
      return;
    }
    ips.allocate(ip);
    reservedIps.add(ip);
  }

  /** A free address; a dry run answers the network address, as Kubernetes does. */
  public String allocateNextIp() {
    if (dryRun) {
      return ips.cidr().address(0);
    }
    String ip = ips.allocateNext();
    reservedIps.add(ip);
    return ip;
  }

  public void allocatePort(int port) {
    if (dryRun) {
      ports.checkInRange(port);
      if (ports.has(port) || !dryRunPorts.add(port)) {
        throw new AllocationException("provided port is already allocated", false);
      }
      return;
    }
    ports.allocate(port);
    reservedPorts.add(port);
  }

  public int allocateNextPort() {
    if (dryRun) {
      for (int attempt = 0; attempt < 64; attempt++) {
        int port = ports.peekNext();
        if (dryRunPorts.add(port)) {
          return port;
        }
      }
      throw new AllocationException("range is full", true);
    }
    int port = ports.allocateNext();
    reservedPorts.add(port);
    return port;
  }

  /** Gives {@code ip} back once the write succeeds. */
  public void releaseIpLater(String ip) {
    releasedIps.add(ip);
  }

  /** Gives {@code port} back once the write succeeds. */
  public void releasePortLater(int port) {
    releasedPorts.add(port);
  }

  @Override
  public void commit() {
    if (dryRun) {
      return;
    }
    releasedIps.forEach(ips::release);
    releasedPorts.forEach(ports::release);
    clear();
  }

  @Override
  public void revert() {
    if (dryRun) {
      return;
    }
    reservedIps.forEach(ips::release);
    reservedPorts.forEach(ports::release);
    clear();
  }

  private void clear() {
    reservedIps.clear();
    reservedPorts.clear();
    releasedIps.clear();
    releasedPorts.clear();
  }
}
