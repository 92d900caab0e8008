package io.capstan.apiserver.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Watches and informers through fabric8, including resumption and relisting after 410 Gone. */
class WatchAndInformerTest {

  private static ConfigMap configMap(String name, String value) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default")
        .addToLabels("app", "watched").endMetadata().withData(Map.of("v", value)).build();
  }

  @Test
  void watchSeesAddModifyDeleteInOrder() throws Exception {
    try (TestServer server = TestServer.start()) {
      KubernetesClient client = server.client;
      List<String> events = new CopyOnWriteArrayList<>();
      try (Watch ignored = client.configMaps().inNamespace("default").withLabel("app", "watched")
          .watch(recorder(events))) {
        client.configMaps().resource(configMap("w", "1")).create();
        client.configMaps().withName("w").edit(c -> new ConfigMapBuilder(c)
            .withData(Map.of("v", "2")).build());
        client.configMaps().withName("w").delete();
        await().untilAsserted(() ->
            assertThat(events).containsExactly("ADDED w 1", "MODIFIED w 2", "DELETED w 2"));
      }
    }
  }

  @Test
  void objectLeavingTheSelectorIsReportedDeleted() throws Exception {
    try (TestServer server = TestServer.start()) {
      KubernetesClient client = server.client;
      List<String> events = new CopyOnWriteArrayList<>();
      try (Watch ignored = client.configMaps().inNamespace("default").withLabel("app", "watched")
          .watch(recorder(events))) {
        client.configMaps().resource(configMap("moving", "1")).create();
        client.configMaps().withName("moving").edit(c -> new ConfigMapBuilder(c).editMetadata()
            .addToLabels("app", "elsewhere").endMetadata().build());
        await().untilAsserted(() ->
            assertThat(events).containsExactly("ADDED moving 1", "DELETED moving 1"));
      }
    }
  }

  @Test
  void watchFromOldResourceVersionReplaysMissedEvents() throws Exception {
    try (TestServer server = TestServer.start()) {
      KubernetesClient client = server.client;
      String from = client.configMaps().resource(configMap("r1", "1")).create()
          .getMetadata().getResourceVersion();
      client.configMaps().resource(configMap("r2", "1")).create();
      client.configMaps().withName("r1").delete();
      List<String> events = new CopyOnWriteArrayList<>();
      try (Watch ignored = client.configMaps().inNamespace("default").withResourceVersion(from)
          .watch(recorder(events))) {
        await().untilAsserted(() ->
            assertThat(events).containsExactly("ADDED r2 1", "DELETED r1 1"));
      }
    }
  }

  @Test
  void informerRelistsAfterGoneAcrossARestart() throws Exception {
    MemoryStore store = new MemoryStore();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ApiServerConfig config = ApiServerConfig.defaults().withPort(port).withWatchHistory(1);
    ApiServer first = ApiServer.start(store, config);
    try (KubernetesClient client = TestServer.clientFor(first.url())) {
      client.configMaps().resource(configMap("before", "1")).create();
      AtomicInteger adds = new AtomicInteger();
      SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default")
          .inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
              adds.incrementAndGet();
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {}

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {}
          });
      await().until(informer::hasSynced);
      assertThat(informer.getStore().list()).extracting(c -> c.getMetadata().getName())
          .containsExactly("before");

      // While the server is down, others change the data, and the history the informer would
      // need is gone when the server comes back: its watch gets 410 Gone and it must relist.
      first.close();
      ApiServer writer = ApiServer.start(store, config.withPort(0));
      try (KubernetesClient other = TestServer.clientFor(writer.url())) {
        other.configMaps().inNamespace("default").withName("before").delete();
        for (int i = 0; i < 5; i++) {
          other.configMaps().resource(configMap("during-" + i, "1")).create();
        }
      }
      writer.close();
      ApiServer second = ApiServer.start(store, config);
      try {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(informer.getStore().list()).extracting(c -> c.getMetadata().getName())
                .containsExactlyInAnyOrder("during-0", "during-1", "during-2", "during-3",
                    "during-4"));
        informer.close();
      } finally {
        second.close();
      }
    }
  }

  private static Watcher<ConfigMap> recorder(List<String> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        events.add(action + " " + resource.getMetadata().getName() + " "
            + resource.getData().get("v"));
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }
}
