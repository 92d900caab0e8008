package io.capstan.apiserver.serviceaccount;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.NamespaceGuard;
import io.capstan.apiserver.registry.ObjectKeys;
import io.capstan.apiserver.registry.RegistryContext;
import io.capstan.apiserver.registry.ResourceCatalog;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.registry.StorageHooks;
import io.capstan.apiserver.registry.WriteOptions;
import io.capstan.apiserver.resources.StandardMetadataValidator;
import io.capstan.apiserver.watch.WatchCache;
import io.capstan.store.memory.MemoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.awaitility.Awaitility;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registries and watch cache of an API server over a memory store, with service-account
 * tokens loaded from {@code tlsDir}, and helpers to create the objects tests need.
 */
final class RegistryFixture implements AutoCloseable {

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final ResourceCatalog catalog = ResourceCatalog.standard();
  final WatchCache cache;
  final ServiceAccounts accounts;
  final Map<ResourceType, GenericRegistry> registries = new LinkedHashMap<>();

  RegistryFixture(Path tlsDir) throws Exception {
    MemoryStore store = new MemoryStore();
    cache = new WatchCache(store, "/registry/", 1000, 1000);
    cache.start(Duration.ofSeconds(10));
    RegistryContext ctx = new RegistryContext(store, cache, clock,
        () -> UUID.randomUUID().toString(), new SplittableRandom(7),
        new StandardMetadataValidator(), Duration.ofSeconds(3));
    NamespaceGuard guard = new NamespaceGuard(store, catalog.require("", "Namespace"));
    accounts = ServiceAccounts.load(tlsDir, cache, catalog, clock, new SplittableRandom(7),
        () -> UUID.randomUUID().toString());
    for (ResourceType type : catalog.types()) {
      registries.put(type, new GenericRegistry(type, ctx, guard,
          accounts.hooksFor(type).orElse(StorageHooks.NONE)));
    }
  }

  GenericRegistry registry(String kind) {
    return registries.get(catalog.require("", kind));
  }

  TokenRequests tokenRequests() {
    return accounts.tokenRequests(registries);
  }

  ObjectNode createNamespace(String name) {
    return create("Namespace", "", """
        {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"%s"}}""".formatted(name));
  }

  ObjectNode createServiceAccount(String namespace, String name) {
    return create("ServiceAccount", namespace, """
        {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"%s"}}""".formatted(name));
  }

  ObjectNode createPod(String namespace, String name, String serviceAccount) {
    return create("Pod", namespace, """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
         "spec":{"serviceAccountName":"%s","containers":[{"name":"c","image":"busybox"}]}}"""
        .formatted(name, serviceAccount));
  }

  ObjectNode create(String kind, String namespace, String json) {
    ObjectNode created = registry(kind).create(namespace,
        (ObjectNode) Json.MAPPER.readTree(json), WriteOptions.DEFAULT).object();
    awaitCached(kind, namespace, Meta.name(created));
    return created;
  }

  /** Lookups go through the cache; wait until it has seen a write. */
  void awaitCached(String kind, String namespace, String name) {
    String key = ObjectKeys.key(catalog.require("", kind), namespace, name);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cache.get(key).isPresent());
  }

  void awaitGone(String kind, String namespace, String name) {
    String key = ObjectKeys.key(catalog.require("", kind), namespace, name);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cache.get(key).isEmpty());
  }

  @Override
  public void close() {
    accounts.close();
    cache.close();
  }
}
