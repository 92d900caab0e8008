package io.capstan.apiserver.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.registry.DeleteOptions;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.WriteOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class RootCaPublisherTest {

  static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  @TempDir
  Path tlsDir;
  RegistryFixture fixture;
  GenericRegistry configMaps;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new RegistryFixture(tlsDir);
    configMaps = fixture.registry("ConfigMap");
    fixture.createNamespace("existing");
    fixture.accounts.start(fixture.registries, fixture.catalog, CA);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void publishesInNamespacesThatExistAndThatAppear() {
    awaitPublished("existing");
    fixture.createNamespace("fresh");
    ObjectNode published = awaitPublished("fresh");
    assertThat(Meta.annotations(published)).containsEntry("kubernetes.io/description",
        RootCaPublisher.DESCRIPTION);
  }

  @Test
  void restoresAnEditedConfigMap() {
    awaitPublished("existing");
    configMaps.guaranteedUpdate("existing", "kube-root-ca.crt", cm -> {
      cm.putObject("data").put("ca.crt", "forged").put("extra", "x");
      Meta.metadata(cm).remove("annotations");
      return cm;
    }, configMaps.type().strategy(), WriteOptions.DEFAULT);
    ObjectNode restored = awaitPublished("existing");
    assertThat(Meta.annotations(restored)).containsKey("kubernetes.io/description");
  }

  @Test
  void recreatesADeletedConfigMap() {
    String firstUid = Meta.uid(awaitPublished("existing"));
    configMaps.delete("existing", "kube-root-ca.crt", DeleteOptions.DEFAULT);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> find("existing")
        .filter(cm -> !Meta.uid(cm).equals(firstUid)).isPresent());
    assertThat(awaitPublished("existing")).isNotNull();
  }

  @Test
  void leavesOtherConfigMapsAlone() {
    awaitPublished("existing");
    fixture.create("ConfigMap", "existing", """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"app"},"data":{"k":"v"}}""");
    configMaps.guaranteedUpdate("existing", "app", cm -> {
      ((ObjectNode) cm.get("data")).put("k", "changed");
      return cm;
    }, configMaps.type().strategy(), WriteOptions.DEFAULT);
    assertThat(configMaps.get("existing", "app").path("data").toString())
        .isEqualTo("{\"k\":\"changed\"}");
  }

  private ObjectNode awaitPublished(String namespace) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> find(namespace)
        .filter(cm -> Meta.stringMap(cm.path("data")).equals(Map.of("ca.crt", CA)))
        .filter(cm -> Meta.annotations(cm).containsKey("kubernetes.io/description"))
        .isPresent());
    return find(namespace).orElseThrow();
  }

  private Optional<ObjectNode> find(String namespace) {
    try {
      return Optional.of(configMaps.get(namespace, "kube-root-ca.crt"));
    } catch (ApiException e) {
      return Optional.empty();
    }
  }
}
