package io.capstan.controller.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Reconciler} over the keys that informer events produce. Informer events only enqueue
 * keys; workers take keys from a {@link WorkQueue}, so one key is reconciled by one worker at a time
 * and a burst of events collapses into one reconcile. Workers start only once every informer has
 * synced, so a reconciler never sees a half-filled cache. The runner owns retries: an exception is
 * retried with per-key backoff, a {@link Result#requeueAfter} is honoured, success forgets the
 * backoff. Informers may be shared between controllers ({@link SharedInformers}): a controller
 * stops only those it started itself.
 */
public final class Controller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

  private record Source<T>(SharedIndexInformer<T> informer, Function<T, List<String>> keys) {}

  private final String name;
  private final Reconciler reconciler;
  private final int workers;
  private final List<Source<?>> sources;
  private final WorkQueue<String> queue;
  private final Optional<SystemScheduler> ownedScheduler;
  private final List<Thread> threads = new ArrayList<>();
  private final List<Runnable> unhooks = new ArrayList<>();
  // Informers this controller started; one that was already running (shared with other
  // controllers through SharedInformers) is left to whoever started it.
  private final List<SharedIndexInformer<?>> ownedInformers = new ArrayList<>();
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private boolean starting;
  private boolean stopped;

  private Controller(Builder builder) {
    this.name = builder.name;
    this.reconciler = builder.reconciler;
    this.workers = builder.workers;
    this.sources = List.copyOf(builder.sources);
    this.ownedScheduler = builder.scheduler == null
        ? Optional.of(new SystemScheduler(name + "-delays"))
        : Optional.empty();
    Scheduler scheduler = ownedScheduler.map(Scheduler.class::cast).orElse(builder.scheduler);
    this.queue = new WorkQueue<>(builder.clock, scheduler, builder.backoff);
  }

  public static Builder builder(String name, Reconciler reconciler) {
    return new Builder(name, reconciler);
  }

  public String name() {
    return name;
  }

  /** The queue, so collaborators can enqueue keys that no informer event produces. */
  public WorkQueue<String> queue() {
    return queue;
  }

  /**
   * Hooks the informers, starts them (a running informer is left as it is), and starts the workers
   * once all have synced. The future completes when the workers are running; calling it again
   * returns the same future.
   */
  public synchronized CompletableFuture<Void> start() {
    if (starting) {
      return started;
    }
    starting = true;
    List<CompletableFuture<Void>> synced = new ArrayList<>();
    for (Source<?> source : sources) {
      synced.add(hook(source));
    }
    CompletableFuture.allOf(synced.toArray(CompletableFuture[]::new))
        .thenRun(this::startWorkers)
        .whenComplete((ignored, failure) -> {
          if (failure != null) {
            started.completeExceptionally(failure);
          } else {
            started.complete(null);
          }
        });
    return started;
  }

  private <T> CompletableFuture<Void> hook(Source<T> source) {
    ResourceEventHandler<T> handler = new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T object) {
        enqueue(source, object);
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        enqueue(source, newObject);
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        enqueue(source, object);
      }
    };
    source.informer().addEventHandler(handler);
    unhooks.add(() -> source.informer().removeEventHandler(handler));
    if (source.informer().isRunning()) {
      return waitForSync(source.informer());
    }
    ownedInformers.add(source.informer());
    // start() completes after the first list, which is when hasSynced turns true.
    return source.informer().start().toCompletableFuture();
  }

  private static CompletableFuture<Void> waitForSync(SharedIndexInformer<?> informer) {
    // An informer someone else started may still be doing its first list, and fabric8 offers no
    // future for that, so poll the flag (cheaply: this runs once, at start-up).
    return CompletableFuture.runAsync(() -> {
      while (!informer.hasSynced()) {
        if (!informer.isRunning()) {
          throw new IllegalStateException("informer for " + informer.getApiTypeClass()
              + " stopped before it synced");
        }
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
      }
    });
  }

  private <T> void enqueue(Source<T> source, T object) {
    for (String key : source.keys().apply(object)) {
      queue.add(key);
    }
  }

  private synchronized void startWorkers() {
    if (stopped) {
      return;
    }
    for (int i = 0; i < workers; i++) {
      Thread thread = Thread.ofPlatform().daemon().name(name + "-worker-" + i).start(this::work);
      threads.add(thread);
    }
    LOG.info("controller {} started {} workers", name, workers);
  }

  private void work() {
    while (true) {
      String key;
      try {
        var next = queue.get();
        if (next.isEmpty()) {
          return;
        }
        key = next.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        process(key);
      } finally {
        queue.done(key);
      }
    }
  }

  private static boolean isConflict(Exception e) {
    return e instanceof io.fabric8.kubernetes.client.KubernetesClientException k
        && k.getCode() == 409;
  }

  private void process(String key) {
    try {
      Result result = reconciler.reconcile(key);
      queue.forget(key);
      result.requeueAfter().ifPresent(delay -> queue.addAfter(key, delay));
    } catch (Exception e) {
      if (isConflict(e)) {
        // A write raced with another writer or a stale cache: routine, the retry sorts it out.
        LOG.debug("controller {} hit a conflict reconciling {}; retrying", name, key);
      } else {
        LOG.warn("controller {} failed to reconcile {} (retry {}): {}", name, key,
            queue.numRequeues(key) + 1, e.toString(), e);
      }
      queue.addRateLimited(key);
    }
  }

  /**
   * Stops listening to the informers (stopping those it started), shuts the queue down and waits
   * for in-flight reconciles to finish.
   */
  public void stop() {
    List<Thread> running;
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      running = List.copyOf(threads);
      unhooks.forEach(Runnable::run);
      ownedInformers.forEach(SharedIndexInformer::stop);
    }
    queue.shutDown();
    ownedScheduler.ifPresent(SystemScheduler::close);
    for (Thread thread : running) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    LOG.info("controller {} stopped", name);
  }

  @Override
  public void close() {
    stop();
  }

  /** Configures a {@link Controller}; only name and reconciler are required. */
  public static final class Builder {
    private final String name;
    private final Reconciler reconciler;
    private final List<Source<?>> sources = new ArrayList<>();
    private int workers = 1;
    private Clock clock = Clock.systemUTC();
    private Scheduler scheduler; // null: the controller owns a wall-clock scheduler
    private ExponentialBackoff backoff = ExponentialBackoff.defaults();

    private Builder(String name, Reconciler reconciler) {
      this.name = Objects.requireNonNull(name);
      this.reconciler = Objects.requireNonNull(reconciler);
    }

    /** Reconciles {@code namespace/name} of each object the informer reports. */
    public <T extends HasMetadata> Builder watch(SharedIndexInformer<T> informer) {
      return watch(informer, object -> List.of(Keys.of(object)));
    }

    /** Reconciles the keys {@code keys} maps each reported object to (e.g. its owner's key). */
    public <T> Builder watch(SharedIndexInformer<T> informer, Function<T, List<String>> keys) {
      sources.add(new Source<>(informer, keys));
      return this;
    }

    public Builder workers(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("workers must be at least 1, got " + count);
      }
      this.workers = count;
      return this;
    }

    public Builder time(Clock clock, Scheduler scheduler) {
      this.clock = Objects.requireNonNull(clock);
      this.scheduler = Objects.requireNonNull(scheduler);
      return this;
    }

    public Builder backoff(Duration base, Duration max) {
      this.backoff = new ExponentialBackoff(base, max);
      return this;
    }

    public Controller build() {
      return new Controller(this);
    }
  }
}
