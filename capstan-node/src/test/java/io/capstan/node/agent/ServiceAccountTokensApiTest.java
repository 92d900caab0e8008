package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.auth.Credentials;
import io.capstan.apiserver.auth.UserInfo;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.NamespaceGuard;
import io.capstan.apiserver.registry.RegistryContext;
import io.capstan.apiserver.registry.ResourceCatalog;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.registry.StorageHooks;
import io.capstan.apiserver.registry.WriteOptions;
import io.capstan.apiserver.resources.StandardMetadataValidator;
import io.capstan.apiserver.serviceaccount.ServiceAccounts;
import io.capstan.apiserver.serviceaccount.TokenRequests;
import io.capstan.apiserver.watch.WatchCache;
import io.capstan.controller.runtime.testing.FakeClock;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agent's TokenRequest, as fabric8 serializes it, answered by the API server's own
 * TokenRequest code (everything but the HTTP hop), and the token it gets authenticating as the
 * pod's service account.
 */
class ServiceAccountTokensApiTest {

  @TempDir Path tlsDir;
  private final FakeClock clock = new FakeClock(Instant.now());
  private WatchCache cache;
  private ServiceAccounts accounts;
  private final ResourceCatalog catalog = ResourceCatalog.standard();
  private final Map<ResourceType, GenericRegistry> registries = new LinkedHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    MemoryStore store = new MemoryStore();
    cache = new WatchCache(store, "/registry/", 1000, 1000);
    cache.start(Duration.ofSeconds(10));
    RegistryContext ctx = new RegistryContext(store, cache, clock,
        () -> UUID.randomUUID().toString(), new SplittableRandom(3),
        new StandardMetadataValidator(), Duration.ofSeconds(3));
    NamespaceGuard guard = new NamespaceGuard(store, catalog.require("", "Namespace"));
    accounts = ServiceAccounts.load(tlsDir, cache, catalog, clock, new SplittableRandom(3),
        () -> UUID.randomUUID().toString());
    for (ResourceType type : catalog.types()) {
      registries.put(type, new GenericRegistry(type, ctx, guard,
          accounts.hooksFor(type).orElse(StorageHooks.NONE)));
    }
  }

  @AfterEach
  void tearDown() {
    accounts.close();
    cache.close();
  }

  @Test
  void theServerAcceptsTheAgentsRequestAndTheTokenAuthenticates() throws Exception {
    create("Namespace", "", "{\"metadata\":{\"name\":\"team\"}}");
    create("ServiceAccount", "team", "{\"metadata\":{\"name\":\"builder\"}}");
    ObjectNode created = create("Pod", "team", """
        {"metadata":{"name":"web"},"spec":{"serviceAccountName":"builder",
         "containers":[{"name":"c","image":"busybox"}]}}""");
    Pod pod = Serialization.unmarshal(created.toString(), Pod.class);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
        cache.list("/registry/core/pods/team/").items().size() == 1);
    TokenRequests server = accounts.tokenRequests(registries);
    ServiceAccountTokens tokens = new ServiceAccountTokens((namespace, account, request) -> {
      ObjectNode body = (ObjectNode) Json.MAPPER.readTree(Serialization.asJson(request));
      return Serialization.unmarshal(server.create(namespace, account, body).tokenRequest()
          .toString(), TokenRequest.class);
    }, clock, new SplittableRandom(3));

    String token = tokens.serviceAccountToken(pod, Optional.empty(), 3607);

    assertThat(accounts.authenticator().authenticate(Credentials.bearer(token)))
        .contains(UserInfo.serviceAccount("team", "builder"));
    assertThat(tokens.serviceAccountToken(pod, Optional.empty(), 3607)).isEqualTo(token);
  }

  private ObjectNode create(String kind, String namespace, String json) {
    ObjectNode body = (ObjectNode) Json.MAPPER.readTree(json);
    body.put("apiVersion", "v1");
    body.put("kind", kind);
    return registries.get(catalog.require("", kind)).create(namespace, body,
        WriteOptions.DEFAULT).object();
  }
}
