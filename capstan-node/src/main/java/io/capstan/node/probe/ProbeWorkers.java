package io.capstan.node.probe;

import io.capstan.controller.runtime.Scheduler;
import io.capstan.node.runtime.ExecCapable;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@link ProbeManager} of the node agent: one {@link ProbeWorker} per probe of every running
 * container, timed by the injected scheduler and clock (so tests drive time by hand) while the
 * probes themselves run on virtual threads. Each worker reports its initial result (readiness
 * false with an empty message, liveness true; startup nothing) and then every change of its
 * thresholded result. The listener is called from scheduler or probe threads and must not block
 * for long; it may call {@link #remove} and {@link #add}.
 */
public final class ProbeWorkers implements ProbeManager {

  private final ProbeWorker.Context context;
  private final Optional<ExecutorService> ownExecutor;
  private final Map<String, ContainerProbes> containers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** Probes on virtual threads; {@code runtime} may be null when it cannot exec. */
  public ProbeWorkers(ExecCapable runtime, ProbeListener listener, Scheduler scheduler,
      Clock clock) {
    this(runtime, listener, scheduler, clock, Executors.newVirtualThreadPerTaskExecutor(), true);
  }

  /** Probes on {@code probeExecutor}, which stays the caller's to shut down. */
  public ProbeWorkers(ExecCapable runtime, ProbeListener listener, Scheduler scheduler,
      Clock clock, Executor probeExecutor) {
    this(runtime, listener, scheduler, clock, probeExecutor, false);
  }

  private ProbeWorkers(ExecCapable runtime, ProbeListener listener, Scheduler scheduler,
      Clock clock, Executor executor, boolean owned) {
    Prober prober = new Prober(Optional.ofNullable(runtime), new HttpGetClient());
    this.context = new ProbeWorker.Context(prober, listener, scheduler, clock, executor);
    this.ownExecutor = owned ? Optional.of((ExecutorService) executor) : Optional.empty();
  }

  @Override
  public void add(ProbeTarget target) {
    if (closed) {
      return;
    }
    var startedAt = target.startedAt() != null ? target.startedAt() : context.clock().instant();
    ContainerProbes fresh = new ContainerProbes(target, startedAt, context);
    if (containers.putIfAbsent(target.containerId(), fresh) == null) {
      fresh.start();
    }
  }

  @Override
  public void remove(String containerId) {
    ContainerProbes probes = containers.remove(containerId);
    if (probes != null) {
      probes.stop();
    }
  }

  @Override
  public void close() {
    closed = true;
    containers.keySet().forEach(this::remove);
    ownExecutor.ifPresent(ExecutorService::shutdownNow);
  }
}
