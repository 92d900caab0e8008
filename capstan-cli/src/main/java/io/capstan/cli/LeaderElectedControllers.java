package io.capstan.cli;

import io.capstan.controller.runtime.LeaderCallbacks;
import io.capstan.controller.runtime.LeaderElectionConfig;
import io.capstan.controller.runtime.LeaderElector;
import io.capstan.controller.runtime.SystemScheduler;
import io.capstan.node.simulated.SimulatedNodesConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controllers and the scheduler run by whichever server holds the Lease
 * {@code kube-system/kube-controller-manager}, as kube-controller-manager and kube-scheduler do
 * when several control-plane machines run them: the others campaign and take over once the
 * holder stops renewing. A single server takes a missing or released lease at its first attempt,
 * and one restarted after a crash recognises the lease as its own (its identity is kept in the
 * data directory), so neither waits.
 *
 * <p>Leading starts a fresh {@link ControllerManager} over the elector's own client; losing the
 * lease closes it (kube's managers exit instead, to be restarted by their supervisor; here the API
 * server keeps serving). Both happen on one thread of their own, in order, because the elector's
 * callbacks must return at once.
 */
final class LeaderElectedControllers implements AutoCloseable {

  static final String LEASE_NAMESPACE = "kube-system";
  static final String LEASE_NAME = "kube-controller-manager";

  private static final Logger LOG = LoggerFactory.getLogger(LeaderElectedControllers.class);

  private final KubernetesClient client;
  private final SystemScheduler electionTimer;
  private final ExecutorService transitions;
  private final Function<KubernetesClient, ControllerManager> starter;
  private final LeaderElector elector;
  private volatile boolean closed;
  /** Touched only on the transitions thread. */
  private ControllerManager running;

  private LeaderElectedControllers(ApiClients clients, ApiCredentials credentials,
      LeaderElectionConfig election, Function<KubernetesClient, ControllerManager> starter,
      Clock clock) {
    this.client = clients.client(credentials);
    this.electionTimer = new SystemScheduler("capstan-leader-election");
    this.transitions = Executors.newSingleThreadExecutor(
        Thread.ofPlatform().daemon().name("capstan-leadership").factory());
    this.starter = starter;
    this.elector = new LeaderElector(client, election, new Callbacks(), clock, electionTimer);
  }

  static LeaderElectedControllers start(ApiClients clients, ApiCredentials credentials,
      Clock clock, Optional<SimulatedNodesConfig> simulatedNodes,
      NodeControllers.Settings nodeSettings, LeaderElectionConfig election) {
    LeaderElectedControllers controllers = new LeaderElectedControllers(clients, credentials,
        election,
        client -> ControllerManager.start(client, clock, simulatedNodes, nodeSettings),
        clock);
    LOG.info("{} campaigning for lease {}/{}", election.identity(), election.namespace(),
        election.name());
    controllers.elector.start();
    return controllers;
  }

  /** Stops the controllers first, then releases the lease, so a successor never overlaps. */
  @Override
  public void close() throws Exception {
    closed = true;
    transitions.submit(this::stopControllers).get(30, TimeUnit.SECONDS);
    elector.stop();
    transitions.shutdown();
    transitions.awaitTermination(30, TimeUnit.SECONDS);
    electionTimer.close();
    client.close();
  }

  private void startControllers() {
    if (closed || running != null) {
      return;
    }
    try {
      running = starter.apply(client);
    } catch (RuntimeException e) {
      LOG.error("the controllers failed to start", e);
    }
  }

  private void stopControllers() {
    if (running != null) {
      running.close();
      running = null;
    }
  }

  private final class Callbacks implements LeaderCallbacks {
    @Override
    public void onStartedLeading() {
      if (!closed) {
        transitions.execute(LeaderElectedControllers.this::startControllers);
      }
    }

    @Override
    public void onStoppedLeading() {
      if (!closed) {
        transitions.execute(LeaderElectedControllers.this::stopControllers);
      }
    }
  }
}
