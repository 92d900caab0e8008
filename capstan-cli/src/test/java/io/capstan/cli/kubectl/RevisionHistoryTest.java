package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.json.Json;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class RevisionHistoryTest {

  private static final JsonNode DEPLOYMENT = Json.MAPPER.readTree("""
      {"metadata":{"name":"web","uid":"d1","annotations":{
         "deployment.kubernetes.io/revision":"3",
         "kubectl.kubernetes.io/last-applied-configuration":"{}",
         "team":"a"}},
       "spec":{"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
         "spec":{"containers":[{"name":"web","image":"web:v3","resources":{}}]}}}}""");

  private static JsonNode rs(String uid, String owner, long revision, String image,
      String cause) {
    return Json.MAPPER.readTree("""
        {"metadata":{"name":"web-%s","ownerReferences":[{"uid":"%s","controller":true}],
          "annotations":{"deployment.kubernetes.io/revision":"%d",
            "deployment.kubernetes.io/desired-replicas":"2"%s}},
         "spec":{"template":{"metadata":{"labels":{"app":"web","pod-template-hash":"%s"}},
           "spec":{"containers":[{"name":"web","image":"%s"}]}}}}"""
        .formatted(uid, owner, revision,
            cause.isEmpty() ? "" : ",\"kubernetes.io/change-cause\":\"" + cause + "\"", uid,
            image));
  }

  private static final RevisionHistory HISTORY = new RevisionHistory(DEPLOYMENT, List.of(
      rs("c", "d1", 3, "web:v3", "to v3"), rs("a", "d1", 1, "web:v1", ""),
      rs("b", "d1", 2, "web:v2", "to v2"), rs("x", "other", 9, "web:v9", "")));

  @Test
  void tableListsOwnedRevisionsInOrderWithChangeCauses() {
    assertThat(HISTORY.table()).isEqualTo("""
        REVISION  CHANGE-CAUSE
        1         <none>
        2         to v2
        3         to v3
        """);
  }

  record Case(String name, long to, String replicaSet) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> targets() {
    return Stream.of(new Case("no revision: the newest but one", 0, "web-b"),
        new Case("revision 1", 1, "web-a"), new Case("the current revision", 3, "web-c"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void undoPicksTheRevision(Case c) {
    assertThat(HISTORY.rollbackTarget("web", c.to()).path("metadata").path("name").asString())
        .isEqualTo(c.replicaSet());
  }

  @Test
  void undoToAMissingRevisionOrWithoutHistoryIsKubectlsError() {
    assertThatThrownBy(() -> HISTORY.rollbackTarget("web", 7))
        .hasMessage("error: unable to find specified revision 7 in history");
    assertThatThrownBy(() -> new RevisionHistory(DEPLOYMENT, List.of(rs("c", "d1", 3, "v", "")))
        .rollbackTarget("web", 0))
        .hasMessage("error: no rollout history found for deployment \"web\"");
  }

  @Test
  void templatesCompareWithoutTheHashLabelAndNullOrEmptyFields() {
    JsonNode template = DEPLOYMENT.path("spec").path("template");
    assertThat(RevisionHistory.sameTemplate(
        HISTORY.rollbackTarget("web", 3).path("spec").path("template"), template)).isTrue();
    assertThat(RevisionHistory.sameTemplate(
        HISTORY.rollbackTarget("web", 2).path("spec").path("template"), template)).isFalse();
  }

  @Test
  void rollbackPatchRestoresTheTemplateAndTheRevisionsAnnotations() {
    JsonNode patch = Json.MAPPER.readTree(
        RevisionHistory.rollbackPatch(DEPLOYMENT, HISTORY.rollbackTarget("web", 2)));
    assertThat(patch.get(0).path("path").asString()).isEqualTo("/spec/template");
    assertThat(patch.get(0).path("value").path("metadata").path("labels").toString())
        .isEqualTo("{\"app\":\"web\"}");
    assertThat(patch.get(0).path("value").path("spec").path("containers").get(0)
        .path("image").asString()).isEqualTo("web:v2");
    assertThat(patch.get(1).path("path").asString()).isEqualTo("/metadata/annotations");
    assertThat(patch.get(1).path("value").toString()).isEqualTo("""
        {"deployment.kubernetes.io/revision":"3",\
        "kubectl.kubernetes.io/last-applied-configuration":"{}",\
        "kubernetes.io/change-cause":"to v2"}""");
  }

  @Test
  void revisionTemplateCarriesItsChangeCause() {
    assertThat(HISTORY.template(2).path("metadata").path("annotations")
        .path("kubernetes.io/change-cause").asString()).isEqualTo("to v2");
    assertThat(HISTORY.template(1).path("metadata").has("annotations")).isFalse();
  }
}
