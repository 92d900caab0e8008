package io.capstan.apiserver.bootstrap;

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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives every namespace a {@code default} ServiceAccount, as Kubernetes' service-account
 * controller does: on start for the namespaces that exist, then for each one created.
 */
public final class DefaultServiceAccounts implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultServiceAccounts.class);

  private final WatchCache cache;
  private final GenericRegistry namespaces;
  private final GenericRegistry serviceAccounts;
  private final Thread worker;
  private volatile boolean stopped;

  public DefaultServiceAccounts(WatchCache cache, GenericRegistry namespaces,
      GenericRegistry serviceAccounts) {
    this.cache = cache;
    this.namespaces = namespaces;
    this.serviceAccounts = serviceAccounts;
    this.worker = Thread.ofVirtual().name("default-service-accounts").unstarted(this::run);
  }

  public void start() {
    worker.start();
  }

  private void run() {
    String prefix = ObjectKeys.prefix(namespaces.type(), "");
    WatchCache.WatchStart start = cache.watchWithInitialState(prefix);
    try (CacheWatch watch = start.watch()) {
      for (CachedObject namespace : start.initial().items()) {
        ensure(namespace.object());
      }
      while (!stopped && !watch.isClosed()) {
        Optional<CacheEvent> event = watch.next(Duration.ofMillis(500));
        event.filter(e -> e.type() == CacheEvent.Type.ADDED)
            .ifPresent(e -> ensure(e.object().object()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!stopped) {
      LOG.warn("default service account watch ended; restarting");
      run();
    }
  }

  private void ensure(ObjectNode namespace) {
    if (Meta.deletionTimestamp(namespace).isPresent()) {
      return;
    }
    String name = Meta.name(namespace);
    ObjectNode account = Json.object();
    account.put("apiVersion", "v1");
    account.put("kind", "ServiceAccount");
    account.putObject("metadata").put("name", "default").put("namespace", name);
    try {
      serviceAccounts.create(name, account, WriteOptions.DEFAULT);
    } catch (ApiException e) {
      if (e.code() != 409 && e.code() != 403 && e.code() != 404) {
        LOG.warn("cannot create the default service account in namespace={}: {}", name,
            e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    worker.interrupt();
  }
}
