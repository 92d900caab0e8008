package io.capstan.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One informer per type for several controllers; stopping one leaves the others served. */
class SharedInformersTest {

  private static TestApi api;

  @BeforeAll
  static void startServer() throws Exception {
    api = TestApi.start();
  }

  @AfterAll
  static void stopServer() {
    api.close();
  }

  private static Reconciler recordingInto(Set<String> keys) {
    return key -> {
      keys.add(key);
      return Result.done();
    };
  }

  @Test
  void controllersShareOneInformerAndAStoppedOneLeavesItRunning() throws Exception {
    SharedInformers informers = new SharedInformers(api.client);
    SharedIndexInformer<ConfigMap> configMaps = informers.of(ConfigMap.class);
    assertThat(informers.of(ConfigMap.class)).isSameAs(configMaps);
    // Cluster-scoped types get an informer too.
    assertThat(informers.of(Node.class)).isNotSameAs(configMaps);

    Set<String> first = ConcurrentHashMap.newKeySet();
    Set<String> second = ConcurrentHashMap.newKeySet();
    Controller one = Controller.builder("one", recordingInto(first)).watch(configMaps).build();
    Controller two = Controller.builder("two", recordingInto(second)).watch(configMaps).build();
    informers.start();
    try {
      one.start().get(30, TimeUnit.SECONDS);
      two.start().get(30, TimeUnit.SECONDS);
      create("shared-a");
      await().atMost(Duration.ofSeconds(10))
          .until(() -> first.contains("default/shared-a") && second.contains("default/shared-a"));

      one.close();
      assertThat(configMaps.isRunning()).as("a controller does not stop a shared informer").isTrue();
      create("shared-b");
      await().atMost(Duration.ofSeconds(10)).until(() -> second.contains("default/shared-b"));
      assertThat(first).doesNotContain("default/shared-b");
    } finally {
      one.close();
      two.close();
      informers.close();
    }
    assertThat(configMaps.isRunning()).isFalse();
  }

  @Test
  void aControllerStopsTheInformersItStartedItself() throws Exception {
    SharedIndexInformer<ConfigMap> own =
        api.client.configMaps().inNamespace("default").runnableInformer(0);
    Controller controller = Controller.builder("own", recordingInto(ConcurrentHashMap.newKeySet()))
        .watch(own).build();
    controller.start().get(30, TimeUnit.SECONDS);
    assertThat(own.isRunning()).isTrue();

    controller.close();

    assertThat(own.isRunning()).isFalse();
  }

  private static void create(String name) {
    api.client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .addToData("v", "1").build()).create();
  }
}
