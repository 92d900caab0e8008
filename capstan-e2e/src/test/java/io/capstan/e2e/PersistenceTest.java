package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged writes survive the server, whether it is stopped or killed with SIGKILL, and a
 * client can resume its watch across the restart from the resourceVersion it last saw.
 */
class PersistenceTest {

  private static KubernetesClient client(CapstanProcess capstan) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(capstan.kubeconfig()));
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .withData(Map.of("k", name)).build();
  }

  @Test
  void objectsAndVersionsSurviveKillAndWatchesResume(@TempDir Path dataDir) throws Exception {
    String firstVersion;
    String keptVersion;
    try (CapstanProcess capstan = CapstanProcess.start(dataDir);
        KubernetesClient client = client(capstan)) {
      firstVersion = client.configMaps().resource(configMap("first")).create()
          .getMetadata().getResourceVersion();
      keptVersion = client.configMaps().resource(configMap("kept")).create()
          .getMetadata().getResourceVersion();
      client.configMaps().withName("first").delete();
      for (int i = 0; i < 50; i++) {
        client.configMaps().resource(configMap("bulk-" + i)).create();
      }
      capstan.kill();
    }
    try (CapstanProcess capstan = CapstanProcess.start(dataDir);
        KubernetesClient client = client(capstan)) {
      ConfigMap kept = client.configMaps().withName("kept").get();
      assertThat(kept.getMetadata().getResourceVersion()).isEqualTo(keptVersion);
      assertThat(kept.getData()).containsEntry("k", "kept");
      assertThat(client.configMaps().withName("first").get()).isNull();
      // Besides the test's own: kube-root-ca.crt, which every namespace holds.
      assertThat(client.configMaps().list().getItems()).hasSize(52)
          .extracting(c -> c.getMetadata().getName())
          .contains("bulk-0", "bulk-49", "kube-root-ca.crt");

      List<String> events = new CopyOnWriteArrayList<>();
      try (Watch ignored = client.configMaps().withResourceVersion(firstVersion)
          .watch(new Watcher<ConfigMap>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
              events.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {}
          })) {
        await().untilAsserted(() -> assertThat(events).startsWith("ADDED kept", "DELETED first",
            "ADDED bulk-0").contains("ADDED bulk-49").hasSize(52));
      }
    }
  }

  @Test
  void objectsSurviveAnOrderlyRestart(@TempDir Path dataDir) throws Exception {
    String version;
    try (CapstanProcess capstan = CapstanProcess.start(dataDir);
        KubernetesClient client = client(capstan)) {
      version = client.configMaps().resource(configMap("settings")).create()
          .getMetadata().getResourceVersion();
      capstan.stop();
    }
    try (CapstanProcess capstan = CapstanProcess.start(dataDir);
        KubernetesClient client = client(capstan)) {
      assertThat(client.configMaps().withName("settings").get().getMetadata()
          .getResourceVersion()).isEqualTo(version);
      assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
          .contains("default", "kube-system", "kube-public", "kube-node-lease");
    }
  }
}
