package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How {@code get}'s arguments become groups of names per type. */
class GetRequestTest {

  private static final ResourceCatalog CATALOG = new ResourceCatalog(catalog());

  private static List<ApiResource> catalog() {
    List<ApiResource> all = new ArrayList<>(ResourceCatalog.parse(Json.MAPPER.readTree("""
        {"resources":[
          {"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","shortNames":["po"]},
          {"name":"services","singularName":"service","namespaced":true,"kind":"Service",
           "shortNames":["svc"]}]}
        """), "", "v1"));
    all.addAll(ResourceCatalog.parse(Json.MAPPER.readTree("""
        {"resources":[
          {"name":"deployments","singularName":"deployment","namespaced":true,
           "kind":"Deployment","shortNames":["deploy"]},
          {"name":"replicasets","singularName":"replicaset","namespaced":true,
           "kind":"ReplicaSet","shortNames":["rs"]}]}
        """), "apps", "v1"));
    return all;
  }

  record Case(List<String> args, String groups, boolean single, boolean showKind) {
    @Override
    public String toString() {
      return String.join(" ", args);
    }
  }

  static Stream<Case> requests() {
    return Stream.of(
        new Case(List.of("deploy"), "deployments.apps=[]", false, false),
        new Case(List.of("deploy", "web"), "deployments.apps=[web]", true, false),
        new Case(List.of("deploy", "a", "b"), "deployments.apps=[a, b]", false, false),
        new Case(List.of("deploy,rs"), "deployments.apps=[] replicasets.apps=[]", false, true),
        new Case(List.of("deploy,rs", "x"), "deployments.apps=[x] replicasets.apps=[x]", false,
            true),
        new Case(List.of("deploy/a", "svc/k", "deploy/b"), "deployments.apps=[a, b] services=[k]",
            false, true),
        new Case(List.of("po/p"), "pods=[p]", true, false),
        new Case(List.of("all"), "pods=[] services=[] deployments.apps=[] replicasets.apps=[]",
            false, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void groupsNamesByType(Case c) {
    GetRequest request = GetRequest.parse(c.args(), CATALOG,
        word -> word.equals("all") ? CATALOG.all() : List.of());
    List<String> groups = new ArrayList<>();
    request.groups().forEach(g -> groups.add(g.type().qualifiedName() + "=" + g.names()));
    assertThat(String.join(" ", groups)).isEqualTo(c.groups());
    assertThat(request.singleItem()).isEqualTo(c.single());
    assertThat(request.showKind()).isEqualTo(c.showKind());
  }

  @Test
  void rejectsWhatKubectlRejects() {
    assertThatThrownBy(() -> GetRequest.parse(List.of("nope"), CATALOG, w -> List.of()))
        .hasMessage("error: the server doesn't have a resource type \"nope\"");
    assertThatThrownBy(() -> GetRequest.parse(List.of("deploy", "rs/x"), CATALOG, w -> List.of()))
        .hasMessageStartingWith("error: there is no need to specify a resource type");
    assertThatThrownBy(() -> GetRequest.parse(List.of("deploy/"), CATALOG, w -> List.of()))
        .hasMessage("error: arguments in resource/name form must have a single resource and name");
  }
}
