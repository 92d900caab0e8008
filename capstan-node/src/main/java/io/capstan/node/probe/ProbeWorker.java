package io.capstan.node.probe;

import io.capstan.controller.runtime.Scheduler;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes one probe of one container every {@code periodSeconds}, as the kubelet's probe worker
 * does. Ticks come from the scheduler, starting when the worker starts; each tick probes only if
 * the container has been running for {@code initialDelaySeconds} (whole seconds, so a 5 s delay with
 * a 10 s period first probes on the tick at 10 s) and the startup gate allows it. The action itself
 * runs on the probe executor; a tick that finds the previous probe still running is remembered and
 * runs as soon as it finishes, like Go's ticker keeping one pending tick.
 *
 * <p>Results pass the thresholds: {@code failureThreshold} failures in a row flip the result to
 * failure, {@code successThreshold} successes in a row flip it to success, and only a flip is
 * reported. A liveness or startup failure also puts the worker on hold (the container is about to
 * be restarted, which removes and re-adds it), so it is reported once per failure streak.
 */
final class ProbeWorker {

  private static final Logger LOG = LoggerFactory.getLogger(ProbeWorker.class);

  /** What the worker shares with the other probes of its container and the manager. */
  record Context(
      Prober prober, ProbeListener listener, Scheduler scheduler, Clock clock, Executor executor) {}

  private final ProbeType type;
  private final Probe spec;
  private final ProbeSettings settings;
  private final ProbeTarget target;
  private final Instant startedAt;
  private final ContainerProbes container;
  private final Context context;

  private volatile boolean stopped;
  private volatile Scheduler.Cancellable nextTick = () -> { };

  // Guarded by this.
  private boolean inFlight;
  private boolean tickMissed;
  private boolean onHold;
  private Boolean lastSuccess;
  private int resultRun;
  private Boolean reported;

  ProbeWorker(ProbeType type, Probe spec, ProbeTarget target, Instant startedAt,
      ContainerProbes container, Context context) {
    this.type = type;
    this.spec = spec;
    this.settings = ProbeSettings.of(spec, type);
    this.target = target;
    this.startedAt = startedAt;
    this.container = container;
    this.context = context;
  }

  /**
   * Reports the initial result (readiness: not ready; liveness: alive; startup: nothing, it is
   * unknown until the probe decides) and probes at once.
   */
  void start() {
    Boolean initial = switch (type) {
      case READINESS -> false;
      case LIVENESS -> true;
      case STARTUP -> null;
    };
    if (initial != null) {
      // Readiness starts "not ready" without having decided anything: the first failed probe
      // is still reported (with its message), so a pod that is never ready says why.
      if (type != ProbeType.READINESS) {
        synchronized (this) {
          reported = initial;
        }
      }
      context.listener().onResult(target, type, initial, "");
    }
    tick();
  }

  /** Stops ticking; a probe still running finishes but reports nothing. Never blocks. */
  void stop() {
    stopped = true;
    nextTick.cancel();
  }

  private void tick() {
    if (stopped) {
      return;
    }
    nextTick = context.scheduler().schedule(settings.period(), this::tick);
    if (stopped) {
      nextTick.cancel();
      return;
    }
    probeIfDue();
  }

  /** Probes now unless a probe is running, the initial delay has not passed or the gate is shut. */
  void probeIfDue() {
    synchronized (this) {
      if (stopped || onHold) {
        return;
      }
      if (inFlight) {
        tickMissed = true;
        return;
      }
      if (!due()) {
        return;
      }
      inFlight = true;
    }
    try {
      context.executor().execute(this::probeOnce);
    } catch (RejectedExecutionException shuttingDown) {
      synchronized (this) {
        inFlight = false;
      }
    }
  }

  private boolean due() {
    long running = Duration.between(startedAt, context.clock().instant()).getSeconds();
    if (running < settings.initialDelaySeconds()) {
      return false;
    }
    // Until the startup probe succeeds only it runs; afterwards only the others do.
    return type == ProbeType.STARTUP ? !container.started() : container.started();
  }

  private void probeOnce() {
    ProbeOutcome outcome;
    try {
      outcome = context.prober().probe(spec, target);
    } catch (RuntimeException e) {
      outcome = ProbeOutcome.unknown(e.toString());
    }
    try {
      Boolean flip;
      synchronized (this) {
        flip = record(outcome);
      }
      if (flip != null && !stopped) {
        context.listener().onResult(target, type, flip, flip ? "" : outcome.message());
        if (type == ProbeType.STARTUP && flip) {
          container.onStarted();
        }
      }
    } finally {
      boolean rerun;
      synchronized (this) {
        inFlight = false;
        rerun = tickMissed;
        tickMissed = false;
      }
      if (rerun) {
        probeIfDue();
      }
    }
  }

  /** Applies the thresholds; returns the new result if it flipped, else null. */
  private Boolean record(ProbeOutcome outcome) {
    if (outcome.kind() == ProbeOutcome.Kind.UNKNOWN) {
      // The kubelet throws prober errors away: they count neither way.
      LOG.debug("Probe errored, result discarded: probe={} namespace={} pod={} container={} "
          + "error={}", type, target.namespace(), target.podName(), target.container().getName(),
          outcome.message());
      return null;
    }
    boolean success = outcome.succeeded();
    if (lastSuccess != null && lastSuccess == success) {
      resultRun++;
    } else {
      lastSuccess = success;
      resultRun = 1;
    }
    if (resultRun < (success ? settings.successThreshold() : settings.failureThreshold())) {
      return null;
    }
    if (!success && type != ProbeType.READINESS) {
      onHold = true;
      resultRun = 0;
    }
    if (reported != null && reported == success) {
      return null;
    }
    reported = success;
    return success;
  }
}
