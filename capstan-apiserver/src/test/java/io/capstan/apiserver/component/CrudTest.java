package io.capstan.apiserver.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Create, read, update, delete and their errors through the real fabric8 client. */
class CrudTest {

  private static TestServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    client = server.client;
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("crud")
        .endMetadata().build()).create();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("crud")
        .endMetadata().withData(data).build();
  }

  @Test
  void createGetUpdateDelete() {
    ConfigMap created = client.configMaps().inNamespace("crud")
        .resource(configMap("settings", Map.of("a", "1"))).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
    assertThat(created.getMetadata().getCreationTimestamp()).endsWith("Z");

    ConfigMap read = client.configMaps().inNamespace("crud").withName("settings").get();
    assertThat(read.getData()).containsEntry("a", "1");

    read.getData().put("b", "2");
    ConfigMap updated = client.configMaps().inNamespace("crud").resource(read).update();
    assertThat(updated.getData()).containsEntry("b", "2");
    assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));

    assertThat(client.configMaps().inNamespace("crud").list().getItems())
        .extracting(c -> c.getMetadata().getName()).contains("settings");

    assertThat(client.configMaps().inNamespace("crud").withName("settings").delete()).hasSize(1);
    assertThat(client.configMaps().inNamespace("crud").withName("settings").get()).isNull();
  }

  @Test
  void duplicateCreateIsAlreadyExists() {
    client.configMaps().inNamespace("crud").resource(configMap("twice", Map.of())).create();
    assertThatThrownBy(() ->
        client.configMaps().inNamespace("crud").resource(configMap("twice", Map.of())).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
          assertThat(e.getStatus().getMessage()).isEqualTo("configmaps \"twice\" already exists");
        });
  }

  @Test
  void staleUpdateIsConflict() {
    ConfigMap first = client.configMaps().inNamespace("crud")
        .resource(configMap("contended", Map.of("v", "1"))).create();
    ConfigMap winner = new ConfigMapBuilder(first).withData(Map.of("v", "2")).build();
    client.configMaps().inNamespace("crud").resource(winner).update();
    ConfigMap loser = new ConfigMapBuilder(first).withData(Map.of("v", "3")).build();
    assertThatThrownBy(() -> client.configMaps().inNamespace("crud").resource(loser).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
          assertThat(e.getStatus().getMessage()).contains("the object has been modified");
        });
    assertThat(client.configMaps().inNamespace("crud").withName("contended").get().getData())
        .containsEntry("v", "2");
  }

  @Test
  void missingObjectIsNotFound() {
    assertThat(client.configMaps().inNamespace("crud").withName("absent").get()).isNull();
    assertThatThrownBy(() -> client.configMaps().inNamespace("crud")
        .resource(configMap("absent", Map.of())).update())
        .isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void createInMissingNamespaceIsNotFound() {
    ConfigMap orphan = new ConfigMapBuilder().withNewMetadata().withName("x")
        .withNamespace("nowhere").endMetadata().build();
    assertThatThrownBy(() -> client.configMaps().inNamespace("nowhere").resource(orphan).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(404);
          assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"nowhere\" not found");
        });
  }

  @Test
  void generateNameGivesUniqueNames() {
    ConfigMap template = new ConfigMapBuilder().withNewMetadata().withGenerateName("gen-")
        .withNamespace("crud").endMetadata().build();
    ConfigMap a = client.configMaps().inNamespace("crud").resource(template).create();
    ConfigMap b = client.configMaps().inNamespace("crud").resource(template).create();
    assertThat(a.getMetadata().getName()).startsWith("gen-").hasSize(9)
        .isNotEqualTo(b.getMetadata().getName());
  }

  @Test
  void labelSelectorsFilterLists() {
    client.configMaps().inNamespace("crud").resource(new ConfigMapBuilder(
        configMap("blue", Map.of())).editMetadata().addToLabels("color", "blue").endMetadata()
        .build()).create();
    client.configMaps().inNamespace("crud").resource(new ConfigMapBuilder(
        configMap("green", Map.of())).editMetadata().addToLabels("color", "green").endMetadata()
        .build()).create();
    assertThat(client.configMaps().inNamespace("crud").withLabel("color", "blue").list()
        .getItems()).extracting(c -> c.getMetadata().getName()).containsExactly("blue");
  }

  @Test
  void systemNamespacesAndDefaultServiceAccountExist() {
    assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
        .contains("default", "kube-system", "kube-public", "kube-node-lease");
    org.awaitility.Awaitility.await().untilAsserted(() ->
        assertThat(client.serviceAccounts().inNamespace("crud").withName("default").get())
            .isNotNull());
  }

  @Test
  void emptyMetadataCollectionsAreDropped() throws Exception {
    var created = server.send("POST", "/api/v1/namespaces/crud/configmaps", "application/json",
        "{\"metadata\":{\"name\":\"empties\",\"labels\":{},\"finalizers\":[],"
            + "\"annotations\":{\"a\":\"1\"}}}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).doesNotContain("\"labels\"", "\"finalizers\"");
    var patched = server.send("PATCH", "/api/v1/namespaces/crud/configmaps/empties",
        "application/merge-patch+json", "{\"metadata\":{\"annotations\":{\"a\":null}}}");
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(patched.body()).doesNotContain("\"annotations\"");
  }
}
