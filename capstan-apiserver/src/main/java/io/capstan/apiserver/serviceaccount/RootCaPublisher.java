package io.capstan.apiserver.serviceaccount;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.ObjectKeys;
import io.capstan.apiserver.registry.WriteOptions;
import io.capstan.apiserver.watch.CacheEvent;
import io.capstan.apiserver.watch.CacheWatch;
import io.capstan.apiserver.watch.CachedObject;
import io.capstan.apiserver.watch.WatchCache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps a {@code kube-root-ca.crt} ConfigMap holding the cluster CA in every namespace, as
 * Kubernetes' root-ca-cert-publisher controller: for each namespace that exists or appears, and
 * again whenever that ConfigMap is edited or deleted. The sync is level-triggered — it compares
 * {@code data} and the description annotation with what they must be and writes only when they
 * differ — so repeating it does nothing.
 */
final class RootCaPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RootCaPublisher.class);
  static final String NAME = AccessVolume.ROOT_CA_CONFIG_MAP;
  static final String KEY = "ca.crt";
  static final String DESCRIPTION_ANNOTATION = "kubernetes.io/description";
  static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the "
      + "kube-apiserver when using internal endpoints such as the internal service IP or "
      + "kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes "
      + "clusters.";

  private final WatchCache cache;
  private final GenericRegistry namespaces;
  private final GenericRegistry configMaps;
  private final String caPem;
  private final List<Thread> workers;
  private volatile boolean stopped;

  RootCaPublisher(WatchCache cache, GenericRegistry namespaces, GenericRegistry configMaps,
      String caPem) {
    this.cache = cache;
    this.namespaces = namespaces;
    this.configMaps = configMaps;
    this.caPem = caPem;
    this.workers = List.of(
        Thread.ofVirtual().name("root-ca-namespaces").unstarted(() -> follow(
            ObjectKeys.prefix(namespaces.type(), ""), this::onNamespace)),
        Thread.ofVirtual().name("root-ca-configmaps").unstarted(() -> follow(
            ObjectKeys.prefix(configMaps.type(), ""), this::onConfigMap)));
  }

  void start() {
    workers.forEach(Thread::start);
  }

  /** Runs {@code handle} on the initial objects under {@code prefix}, then on every change. */
  private void follow(String prefix, Consumer<CacheEvent> handle) {
    while (!stopped) {
      WatchCache.WatchStart start = cache.watchWithInitialState(prefix);
      try (CacheWatch watch = start.watch()) {
        for (CachedObject object : start.initial().items()) {
          handle.accept(new CacheEvent(CacheEvent.Type.ADDED, object, Optional.empty()));
        }
        while (!stopped && !watch.isClosed()) {
          watch.next(Duration.ofMillis(500)).ifPresent(handle);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("root CA publisher: {}", e.getMessage());
      }
    }
  }

  private void onNamespace(CacheEvent event) {
    if (event.type() != CacheEvent.Type.DELETED) {
      sync(event.object().object());
    }
  }

  private void onConfigMap(CacheEvent event) {
    ObjectNode configMap = event.object().object();
    if (event.type() == CacheEvent.Type.ADDED || !Meta.name(configMap).equals(NAME)) {
      return;
    }
    String namespace = Meta.namespace(configMap);
    cache.get(ObjectKeys.key(namespaces.type(), "", namespace))
        .ifPresent(ns -> sync(ns.object()));
  }

  /** Creates or repairs the ConfigMap in {@code namespace} unless it is being deleted. */
  void sync(ObjectNode namespace) {
    if (Meta.deletionTimestamp(namespace).isPresent()) {
      return;
    }
    String name = Meta.name(namespace);
    try {
      Optional<ObjectNode> current = current(name);
      if (current.isEmpty()) {
        configMaps.create(name, desired(name), WriteOptions.DEFAULT);
      } else if (!upToDate(current.get())) {
        configMaps.guaranteedUpdate(name, NAME, this::repair, configMaps.type().strategy(),
            WriteOptions.DEFAULT);
      }
    } catch (ApiException e) {
      // 409: someone else wrote it first; 403/404: the namespace is going or gone.
      if (e.code() != 409 && e.code() != 403 && e.code() != 404) {
        LOG.warn("cannot publish {} in namespace={}: {}", NAME, name, e.getMessage());
      }
    }
  }

  private Optional<ObjectNode> current(String namespace) {
    try {
      return Optional.of(configMaps.get(namespace, NAME));
    } catch (ApiException e) {
      if (e.code() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private boolean upToDate(ObjectNode configMap) {
    return Meta.stringMap(configMap.path("data")).equals(Map.of(KEY, caPem))
        && !Meta.annotations(configMap).getOrDefault(DESCRIPTION_ANNOTATION, "").isEmpty();
  }

  private ObjectNode repair(ObjectNode configMap) {
    configMap.putObject("data").put(KEY, caPem);
    configMap.remove("binaryData");
    Meta.metadata(configMap).withObjectProperty("annotations")
        .put(DESCRIPTION_ANNOTATION, DESCRIPTION);
    return configMap;
  }

  private ObjectNode desired(String namespace) {
    ObjectNode configMap = Json.object();
    configMap.put("apiVersion", "v1");
    configMap.put("kind", "ConfigMap");
    ObjectNode meta = configMap.putObject("metadata");
    meta.put("name", NAME);
    meta.put("namespace", namespace);
    meta.putObject("annotations").put(DESCRIPTION_ANNOTATION, DESCRIPTION);
    configMap.putObject("data").put(KEY, caPem);
    return configMap;
  }

  @Override
  public void close() {
    stopped = true;
    workers.forEach(Thread::interrupt);
  }
}
