package io.capstan.node.agent;

import io.capstan.controller.runtime.Scheduler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One serialized worker per pod uid, as the kubelet's pod workers: informer events, probe results,
 * runtime changes and timers only {@link #signal} a pod; its worker (a virtual thread while there
 * is work) runs one {@link PodSync} at a time with the latest pod, and a signal that arrives during
 * a sync makes it run once more afterwards, so bursts collapse and nothing is lost.
 */
final class PodWorkers implements ResourceEventHandler<Pod> {

  private static final Logger LOG = LoggerFactory.getLogger(PodWorkers.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final String nodeName;
  private final PodSync sync;
  private final Function<Pod, PodRecord> records;
  private final InformerConfigSource configs;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Map<String, Worker> workers = new ConcurrentHashMap<>();
  private volatile boolean closing;

  PodWorkers(String nodeName, PodSync sync, Function<Pod, PodRecord> records,
      InformerConfigSource configs, Clock clock, Scheduler scheduler) {
    this.nodeName = nodeName;
    this.sync = sync;
    this.records = records;
    this.configs = configs;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  @Override
  public void onAdd(Pod pod) {
    update(pod);
  }

  @Override
  public void onUpdate(Pod oldPod, Pod pod) {
    update(pod);
  }

  @Override
  public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
    Worker worker = workers.get(pod.getMetadata().getUid());
    if (worker != null) {
      worker.gone();
    } else {
      configs.release(pod.getMetadata().getUid());
    }
  }

  /**
   * Hands the pod to its worker, first registering the ConfigMaps and Secrets it references so
   * that the sync reads them from a watch; as in the kubelet's pod manager, a pod that has
   * finished needs them no more and releases them.
   */
  private void update(Pod pod) {
    if (closing || pod.getSpec() == null || !nodeName.equals(pod.getSpec().getNodeName())) {
      return;
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if (phase != null && PodPhases.terminal(phase)) {
      configs.release(pod.getMetadata().getUid());
    } else {
      configs.register(pod.getMetadata().getUid(), pod);
    }
    workers.computeIfAbsent(pod.getMetadata().getUid(), uid -> new Worker(records.apply(pod)))
        .update(pod);
  }

  void signal(String uid) {
    Worker worker = workers.get(uid);
    if (worker != null) {
      worker.signal();
    }
  }

  /** Syncs every pod, asking for a volume refresh (the periodic resync). */
  void resyncAll() {
    for (Worker worker : workers.values()) {
      worker.record.refreshVolumes = true;
      worker.signal();
    }
  }

  Optional<PodRecord> record(String uid) {
    return Optional.ofNullable(workers.get(uid)).map(worker -> worker.record);
  }

  List<PodRecord> records() {
    return workers.values().stream().map(worker -> worker.record).toList();
  }

  /** The record of the pod named so, the newest if a name was reused. */
  Optional<PodRecord> find(String namespace, String name) {
    return records().stream().filter(r -> r.namespace.equals(namespace) && r.name.equals(name))
        .max((a, b) -> a.startTime.compareTo(b.startTime));
  }

  /**
   * Stops taking work, waits for syncs in flight, then (if {@code stopPods}) stops every pod's
   * containers at once (each within its grace, at most {@code maxGrace}) without touching the API.
   */
  void close(Duration maxGrace, boolean stopPods) {
    closing = true;
    List<Thread> stoppers = new ArrayList<>();
    for (Worker worker : workers.values()) {
      worker.awaitIdle();
      if (!stopPods) {
        continue;
      }
      Duration grace = PodSync.terminationGrace(worker.record.pod);
      Duration bounded = grace.compareTo(maxGrace) < 0 ? grace : maxGrace;
      stoppers.add(Thread.ofVirtual().start(() -> sync.shutDown(worker.record, bounded)));
    }
    for (Thread stopper : stoppers) {
      try {
        stopper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The worker of one pod; its fields are guarded by the instance. */
  private final class Worker {
    final PodRecord record;
    private Pod latest;
    private boolean gone;
    private boolean dirty;
    private boolean running;
    private Instant wakeDue;
    private Scheduler.Cancellable wake = () -> {};

    Worker(PodRecord record) {
      this.record = record;
      this.latest = record.pod;
    }

    void update(Pod pod) {
      synchronized (this) {
        latest = pod;
      }
      signal();
    }

    void gone() {
      synchronized (this) {
        gone = true;
      }
      signal();
    }

    void signal() {
      synchronized (this) {
        if (closing) {
          return;
        }
        dirty = true;
        if (running) {
          return;
        }
        running = true;
      }
      Thread.ofVirtual().name("pod-" + record.key()).start(this::loop);
    }

    private void loop() {
      while (true) {
        Optional<Pod> pod;
        synchronized (this) {
          if (!dirty || closing) {
            running = false;
            notifyAll();
            return;
          }
          dirty = false;
          pod = gone ? Optional.empty() : Optional.of(latest);
        }
        try {
          PodSync.Outcome outcome = sync.sync(record, pod);
          if (outcome.finished()) {
            workers.remove(record.uid, this);
            configs.release(record.uid);
            synchronized (this) {
              running = false;
              notifyAll();
            }
            return;
          }
          outcome.wakeAt().ifPresent(this::wakeAt);
        } catch (RuntimeException e) {
          LOG.warn("sync of pod {} failed; retrying: {}", record.key(), e.toString(), e);
          wakeAt(clock.instant().plus(RETRY));
        }
      }
    }

    /** Syncs again at {@code at}; an earlier pending wake-up wins. */
    private synchronized void wakeAt(Instant at) {
      if (wakeDue != null && !wakeDue.isAfter(at)) {
        return;
      }
      wake.cancel();
      wakeDue = at;
      wake = scheduler.schedule(Duration.between(clock.instant(), at), () -> {
        synchronized (this) {
          wakeDue = null;
        }
        signal();
      });
    }

    synchronized void awaitIdle() {
      while (running) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
