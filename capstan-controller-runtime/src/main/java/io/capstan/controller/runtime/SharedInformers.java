package io.capstan.controller.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cluster-wide informer per resource type, handed to every controller that asks for the type
 * (client-go's shared informer factory). Without it each controller lists and watches Pods on its
 * own, and every pod change is sent, decoded and cached once per controller.
 *
 * <p>{@link #start()} starts every informer asked for so far; start it before the controllers so
 * that none of them takes an informer for its own (a {@link Controller} stops only the informers
 * it started). {@link #close()} stops them all.
 */
public final class SharedInformers implements AutoCloseable {

  private final KubernetesClient client;
  private final Map<Class<?>, SharedIndexInformer<?>> byType = new LinkedHashMap<>();

  public SharedInformers(KubernetesClient client) {
    this.client = client;
  }

  /** The informer on every object of {@code type}, created (not started) on first request. */
  @SuppressWarnings("unchecked")
  public synchronized <T extends HasMetadata> SharedIndexInformer<T> of(Class<T> type) {
    return (SharedIndexInformer<T>) byType.computeIfAbsent(type, t -> create(type));
  }

  private <T extends HasMetadata> SharedIndexInformer<T> create(Class<T> type) {
    var resources = client.resources(type);
    return Namespaced.class.isAssignableFrom(type)
        ? resources.inAnyNamespace().runnableInformer(0)
        : resources.runnableInformer(0);
  }

  /** Starts each informer not yet running; they sync in the background. */
  public synchronized void start() {
    for (SharedIndexInformer<?> informer : byType.values()) {
      if (!informer.isRunning()) {
        informer.start();
      }
    }
  }

  @Override
  public void close() {
    List<SharedIndexInformer<?>> informers;
    synchronized (this) {
      informers = new ArrayList<>(byType.values());
    }
    informers.forEach(SharedIndexInformer::stop);
  }
}
