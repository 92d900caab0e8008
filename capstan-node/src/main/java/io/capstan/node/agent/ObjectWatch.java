package io.capstan.node.agent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An informer on a single ConfigMap or Secret, the kubelet's per-object reflector: fabric8 lists
 * and watches a named resource with the field selector {@code metadata.name=<name>} in its
 * namespace, the only collection request the node authorizer lets a node make for these kinds.
 *
 * <p>Every failure is retried with fabric8's exponential back-off (1 s doubling to 32 s). Its
 * default handler instead stops an informer whose first list fails, and any informer whose watch
 * fails with anything but 410 Gone; a node however gets 403 Forbidden until the authorizer has
 * seen the pod that references the object, which is routine right after the pod is bound.
 */
final class ObjectWatch {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectWatch.class);

  private final ConfigObject object;
  private final SharedIndexInformer<? extends HasMetadata> informer;
  private final CompletableFuture<Void> synced;
  /** How many pods reference the object; guarded by the owning {@link InformerConfigSource}. */
  int references;

  private ObjectWatch(ConfigObject object, SharedIndexInformer<? extends HasMetadata> informer,
      CompletableFuture<Void> synced) {
    this.object = object;
    this.informer = informer;
    this.synced = synced;
  }

  /** Starts watching {@code object}; each add, update and delete runs {@code onChange}. */
  static ObjectWatch start(KubernetesClient client, ConfigObject object, Runnable onChange) {
    Informable<? extends HasMetadata> resource = switch (object.kind()) {
      case CONFIG_MAP -> client.configMaps().inNamespace(object.namespace())
          .withName(object.name());
      case SECRET -> client.secrets().inNamespace(object.namespace()).withName(object.name());
    };
    SharedIndexInformer<? extends HasMetadata> informer = resource.runnableInformer(0);
    informer.exceptionHandler((started, failure) -> {
      LOG.debug("watch of {} failed; retrying: {}", object, failure.toString());
      return true;
    });
    informer.addEventHandler(new ResourceEventHandler<HasMetadata>() {
      @Override
      public void onAdd(HasMetadata added) {
        onChange.run();
      }

      @Override
      public void onUpdate(HasMetadata oldObject, HasMetadata newObject) {
        onChange.run();
      }

      @Override
      public void onDelete(HasMetadata deleted, boolean deletedFinalStateUnknown) {
        onChange.run();
      }
    });
    CompletableFuture<Void> synced = informer.start().toCompletableFuture();
    LOG.debug("watching {}", object);
    return new ObjectWatch(object, informer, synced);
  }

  /**
   * The object as last seen, empty if it does not exist. Waits up to {@code wait} for the first
   * list, as the kubelet's manager does, and fails if the watch has not listed by then: not
   * knowing must not read as "missing", which would fail an optional-less reference.
   */
  Optional<HasMetadata> current(Duration wait) {
    try {
      synced.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new CacheNotSynced(object);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheNotSynced(object);
    }
    return Optional.ofNullable(informer.getStore().getByKey(object.key()));
  }

  boolean isRunning() {
    return informer.isRunning();
  }

  void close() {
    informer.close();
    LOG.debug("stopped watching {}", object);
  }

  /**
   * The watch of an object has not listed it yet, in the kubelet's words; the pod's worker
   * retries the sync. No stack trace: it is an expected state, logged at each retry.
   */
  static final class CacheNotSynced extends IllegalStateException {
    CacheNotSynced(ConfigObject object) {
      super("failed to sync " + object.kindName() + " cache: timed out waiting for the condition ("
          + object.key() + ")");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
