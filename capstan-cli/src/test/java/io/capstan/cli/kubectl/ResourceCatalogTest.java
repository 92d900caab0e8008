package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ResourceCatalogTest {

  private static final ResourceCatalog CATALOG = catalog();

  private static ResourceCatalog catalog() {
    List<ApiResource> all = new ArrayList<>(ResourceCatalog.parse(Json.MAPPER.readTree("""
        {"resources":[
          {"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","shortNames":["po"]},
          {"name":"pods/status","singularName":"","namespaced":true,"kind":"Pod"},
          {"name":"namespaces","singularName":"","namespaced":false,"kind":"Namespace",
           "shortNames":["ns"]},
          {"name":"events","singularName":"event","namespaced":true,"kind":"Event",
           "shortNames":["ev"]}]}
        """), "", "v1"));
    all.addAll(ResourceCatalog.parse(Json.MAPPER.readTree("""
        {"resources":[
          {"name":"deployments","singularName":"deployment","namespaced":true,
           "kind":"Deployment","shortNames":["deploy"]},
          {"name":"events","singularName":"event","namespaced":true,"kind":"Event"}]}
        """), "apps", "v1"));
    return new ResourceCatalog(all);
  }

  record Case(String typed, String qualifiedName) {
    @Override
    public String toString() {
      return typed;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(new Case("po", "pods"), new Case("pod", "pods"), new Case("pods", "pods"),
        new Case("Pod", "pods"), new Case("ns", "namespaces"), new Case("namespace", "namespaces"),
        new Case("deploy", "deployments.apps"), new Case("Deployment", "deployments.apps"),
        new Case("deployments.apps", "deployments.apps"),
        new Case("deployments.v1.apps", "deployments.apps"), new Case("events", "events"),
        new Case("events.apps", "events.apps"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolvesLikeKubectl(Case c) {
    assertThat(CATALOG.resolve(c.typed()).qualifiedName()).isEqualTo(c.qualifiedName());
  }

  @Test
  void unknownTypeIsKubectlsError() {
    assertThatThrownBy(() -> CATALOG.resolve("foo")).isInstanceOf(KubectlError.class)
        .hasMessage("error: the server doesn't have a resource type \"foo\"");
  }

  @Test
  void subresourcesAreNotTypes() {
    assertThat(CATALOG.all()).extracting(ApiResource::name).doesNotContain("pods/status");
  }

  @Test
  void pathsAndNames() {
    ApiResource deploy = CATALOG.resolve("deploy");
    assertThat(deploy.collectionPath("ns1")).isEqualTo("/apis/apps/v1/namespaces/ns1/deployments");
    assertThat(deploy.collectionPath(null)).isEqualTo("/apis/apps/v1/deployments");
    assertThat(deploy.qualifiedKind()).isEqualTo("deployment.apps");
    assertThat(CATALOG.resolve("ns").collectionPath("x")).isEqualTo("/api/v1/namespaces");
  }
}
