package io.capstan.apiserver.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** limit/continue pages are consistent at the first page's revision; exact-revision lists. */
class PagingTest {

  private static TestServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    client = server.client;
    for (int i = 0; i < 5; i++) {
      client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("page-" + i)
          .addToLabels("set", i % 2 == 0 ? "even" : "odd").endMetadata()
          .withData(Map.of("i", Integer.toString(i))).build()).create();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void pagesAreConsistentWhileWritesHappen() {
    ConfigMapList first = client.configMaps().list(new ListOptionsBuilder().withLimit(2L).build());
    assertThat(names(first)).containsExactly("page-0", "page-1");
    assertThat(first.getMetadata().getContinue()).isNotBlank();
    assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(3L);

    // A write between pages does not show up: every page is read at the first page's revision.
    client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("page-2a")
        .endMetadata().build()).create();
    client.configMaps().withName("page-3").delete();

    List<String> rest = new ArrayList<>();
    String token = first.getMetadata().getContinue();
    while (token != null && !token.isEmpty()) {
      ConfigMapList page = client.configMaps().list(new ListOptionsBuilder().withLimit(2L)
          .withContinue(token).build());
      assertThat(page.getMetadata().getResourceVersion())
          .isEqualTo(first.getMetadata().getResourceVersion());
      rest.addAll(names(page));
      token = page.getMetadata().getContinue();
    }
    assertThat(rest).containsExactly("page-2", "page-3", "page-4");
  }

  @Test
  void filteredPagesFillUpToTheLimit() {
    ConfigMapList page = client.configMaps().list(new ListOptionsBuilder().withLimit(2L)
        .withLabelSelector("set=even").build());
    assertThat(names(page)).containsExactly("page-0", "page-2");
    assertThat(page.getMetadata().getRemainingItemCount()).isNull();
  }

  @Test
  void exactResourceVersionListsShowThePast() {
    String before = client.configMaps().list().getMetadata().getResourceVersion();
    client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("later")
        .endMetadata().build()).create();
    ConfigMapList past = client.configMaps().list(new ListOptionsBuilder()
        .withResourceVersion(before).withResourceVersionMatch("Exact").build());
    assertThat(past.getMetadata().getResourceVersion()).isEqualTo(before);
    assertThat(names(past)).doesNotContain("later");
    assertThat(names(client.configMaps().list())).contains("later");
  }

  private static List<String> names(ConfigMapList list) {
    return list.getItems().stream().map(ConfigMap::getMetadata).map(m -> m.getName()).toList();
  }
}
