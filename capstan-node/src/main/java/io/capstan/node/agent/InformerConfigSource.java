package io.capstan.node.agent;

import io.capstan.node.podconfig.ConfigSource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A {@link ConfigSource} that watches exactly the ConfigMaps and Secrets the node's pods reference,
 * as the kubelet's watch-based manager does: the Node authorizer lets a node read such an object
 * only by name and only while one of its pods references it, so there is one {@link ObjectWatch}
 * per (kind, namespace, name), counted by the pods that reference it. A pod is registered when
 * the agent takes it on (before its volumes and environment are resolved) and again on each
 * update (references that changed are swapped), and released when it is gone or has finished;
 * a watch closes with its last pod.
 *
 * <p>Reads come from the watch's cache, so a missing object is known without a request, once the
 * watch has listed (a read waits for that a little). An object no registered pod references is
 * read with a GET by name. Every change is reported to a listener as (kind,
 * {@code namespace/name}), which the agent uses to refresh the pods that read the object.
 */
public final class InformerConfigSource implements ConfigSource, AutoCloseable {

  /** How long a read waits for a new watch's first list (the kubelet waits a second). */
  private static final Duration SYNC_WAIT = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final BiConsumer<ConfigReferences.Kind, String> onChange;
  /** Guarded by {@code this}, as are the watches' reference counts. */
  private final Map<ConfigObject, ObjectWatch> watches = new HashMap<>();
  private final Map<String, Set<ConfigObject>> podObjects = new HashMap<>();
  private boolean closed;

  private InformerConfigSource(KubernetesClient client,
      BiConsumer<ConfigReferences.Kind, String> onChange) {
    this.client = client;
    this.onChange = onChange;
  }

  /** A source watching nothing yet; pods register what they reference. */
  static InformerConfigSource start(KubernetesClient client,
      BiConsumer<ConfigReferences.Kind, String> onChange) {
    return new InformerConfigSource(client, onChange);
  }

  /**
   * Makes the objects {@code pod} references watched for it: new references start (or share) a
   * watch, references it no longer has are released. Returns at once; reads wait for the list.
   */
  synchronized void register(String podUid, Pod pod) {
    if (closed) {
      return;
    }
    Set<ConfigObject> now = ConfigReferences.objects(pod);
    Set<ConfigObject> before = podObjects.getOrDefault(podUid, Set.of());
    if (now.equals(before)) {
      return;
    }
    for (ConfigObject object : now) {
      if (!before.contains(object)) {
        watches.computeIfAbsent(object, this::watch).references++;
      }
    }
    if (now.isEmpty()) {
      podObjects.remove(podUid);
    } else {
      podObjects.put(podUid, now);
    }
    for (ConfigObject object : before) {
      if (!now.contains(object)) {
        unreference(object);
      }
    }
  }

  /** Drops what pod {@code podUid} referenced; a watch no pod needs any more is closed. */
  synchronized void release(String podUid) {
    Set<ConfigObject> before = podObjects.remove(podUid);
    if (before != null) {
      before.forEach(this::unreference);
    }
  }

  private ObjectWatch watch(ConfigObject object) {
    return ObjectWatch.start(client, object, () -> onChange.accept(object.kind(), object.key()));
  }

  private void unreference(ConfigObject object) {
    ObjectWatch watch = watches.get(object);
    if (watch != null && --watch.references <= 0) {
      watches.remove(object);
      watch.close();
    }
  }

  /** The objects watched now, for tests and diagnostics. */
  synchronized Set<ConfigObject> watchedObjects() {
    return Set.copyOf(watches.keySet());
  }

  synchronized Optional<ObjectWatch> watchOf(ConfigObject object) {
    return Optional.ofNullable(watches.get(object));
  }

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    return read(new ConfigObject(ConfigReferences.Kind.CONFIG_MAP, namespace, name),
        ConfigMap.class);
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return read(new ConfigObject(ConfigReferences.Kind.SECRET, namespace, name), Secret.class);
  }

  private <T extends HasMetadata> Optional<T> read(ConfigObject object, Class<T> type) {
    ObjectWatch watch;
    synchronized (this) {
      watch = watches.get(object);
    }
    if (watch != null) {
      return watch.current(SYNC_WAIT).map(type::cast);
    }
    return get(object, type);
  }

  /** A GET by name, for an object no registered pod references (null means 404). */
  private <T extends HasMetadata> Optional<T> get(ConfigObject object, Class<T> type) {
    try {
      HasMetadata found = switch (object.kind()) {
        case CONFIG_MAP -> client.configMaps().inNamespace(object.namespace())
            .withName(object.name()).get();
        case SECRET -> client.secrets().inNamespace(object.namespace()).withName(object.name())
            .get();
      };
      return Optional.ofNullable(found).map(type::cast);
    } catch (KubernetesClientException e) {
      throw new IllegalStateException("could not read " + object + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    Set<ObjectWatch> open;
    synchronized (this) {
      closed = true;
      open = new HashSet<>(watches.values());
      watches.clear();
      podObjects.clear();
    }
    open.forEach(ObjectWatch::close);
  }
}
