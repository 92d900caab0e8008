package io.capstan.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.schema.GroupVersionKind;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The v3 index and group-version documents, read the way kubectl 1.32 reads them: the client's
 * index walk, {@code QueryParamVerifierV3} (does PATCH list {@code fieldValidation}?), apply's
 * {@code gvkSupportsPatchOpenAPIV3} (does PATCH accept strategic merge?), and explain's search
 * for a component schema by group-version-kind.
 */
class OpenApiV3DocumentTest {

  private static final OpenApi API = SwaggerV2DocumentTest.API;
  private static final GroupVersionKind DEPLOYMENT =
      new GroupVersionKind("apps", "v1", "Deployment");

  @Test
  void indexLinksEveryGroupVersionByContentHash() throws Exception {
    JsonNode index = Json.MAPPER.readTree(API.v3Index().bytes());
    assertThat(index.path("paths").propertyNames()).containsExactlyInAnyOrder("api/v1",
        "apis/apps/v1", "apis/coordination.k8s.io/v1", "apis/discovery.k8s.io/v1",
        "apis/policy/v1");
    for (String gv : API.v3GroupVersions()) {
      byte[] doc = API.v3Document(gv).orElseThrow().bytes();
      String hash = HexFormat.of().withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-512").digest(doc));
      assertThat(index.path("paths").path(gv).path("serverRelativeURL").asString())
          .isEqualTo("/openapi/v3/" + gv + "?hash=" + hash);
      assertThat(API.v3Document(gv).orElseThrow().etag()).isEqualTo('"' + hash + '"');
    }
    assertThat(API.v3Document("apis/batch/v1")).isEmpty();
  }

  @Test
  void groupVersionDocumentHasPathsAndTheSchemasTheyReach() {
    JsonNode doc = document("apis/apps/v1");
    assertThat(doc.path("openapi").asString()).isEqualTo("3.0.0");
    assertThat(doc.path("paths").propertyNames()).allMatch(p -> p.startsWith("/apis/apps/v1/"));
    JsonNode schemas = doc.path("components").path("schemas");
    assertThat(schemas.propertyNames()).contains("io.k8s.api.apps.v1.Deployment",
        "io.k8s.api.core.v1.Container", "io.k8s.api.autoscaling.v1.Scale",
        "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
        "io.k8s.apimachinery.pkg.apis.meta.v1.Status")
        .doesNotContain("io.k8s.api.core.v1.Secret", "io.k8s.api.coordination.v1.Lease");
    var dangling = new ArrayList<String>();
    collectRefs(doc, dangling);
    dangling.removeIf(ref -> schemas.has(ref.substring("#/components/schemas/".length())));
    assertThat(dangling).isEmpty();
  }

  @Test
  void supportsFieldValidationForEveryKindAsQueryParamVerifierV3Sees() {
    assertThat(supportsQueryParam(document("apis/apps/v1"), DEPLOYMENT, "fieldValidation"))
        .isTrue();
    assertThat(supportsQueryParam(document("api/v1"), new GroupVersionKind("", "v1", "Pod"),
        "fieldValidation")).isTrue();
    assertThat(supportsQueryParam(document("apis/coordination.k8s.io/v1"),
        new GroupVersionKind("coordination.k8s.io", "v1", "Lease"), "fieldValidation")).isTrue();
    assertThat(supportsQueryParam(document("apis/apps/v1"), DEPLOYMENT, "noSuchParameter"))
        .isFalse();
    assertThat(supportsQueryParam(document("apis/apps/v1"),
        new GroupVersionKind("apps", "v1", "StatefulSet"), "fieldValidation")).isFalse();
  }

  @Test
  void patchAcceptsStrategicMergeAsApplySees() {
    JsonNode patch = firstPatch(document("apis/apps/v1"), DEPLOYMENT).orElseThrow();
    assertThat(patch.path("requestBody").path("content").propertyNames())
        .contains("application/strategic-merge-patch+json");
    assertThat(patch.path("requestBody").path("required").asBoolean()).isTrue();
    assertThat(patch.path("responses").path("200").path("content").path("application/json")
        .path("schema").path("$ref").asString())
        .isEqualTo("#/components/schemas/io.k8s.api.apps.v1.Deployment");
  }

  @Test
  void explainFindsTheKindAndDescribedFields() {
    JsonNode schemas = document("apis/apps/v1").path("components").path("schemas");
    JsonNode deployment = schemas.valueStream().filter(s -> s.path(
        "x-kubernetes-group-version-kind").valueStream().anyMatch(
            k -> k.equals(SchemaJson.groupVersionKind(DEPLOYMENT)))).findFirst().orElseThrow();
    assertThat(deployment.path("description").asString()).contains("Deployment");
    JsonNode replicas = schemas.path("io.k8s.api.apps.v1.DeploymentSpec").path("properties")
        .path("replicas");
    assertThat(replicas.path("type").asString()).isEqualTo("integer");
    assertThat(replicas.path("description").asString()).isNotEmpty();
    // A described reference is wrapped in allOf, as Kubernetes publishes v3.
    JsonNode strategy = schemas.path("io.k8s.api.apps.v1.DeploymentSpec").path("properties")
        .path("strategy");
    assertThat(strategy.path("allOf").get(0).path("$ref").asString())
        .isEqualTo("#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy");
    assertThat(strategy.path("x-kubernetes-patch-strategy").asString()).isEqualTo("retainKeys");
    JsonNode intOrString = schemas.path("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    assertThat(intOrString.has("type")).isFalse();
    assertThat(intOrString.path("oneOf")).isEqualTo(Json.MAPPER.readTree(
        "[{\"type\": \"integer\"}, {\"type\": \"string\"}]"));
    assertThat(intOrString.path("x-kubernetes-int-or-string").asBoolean()).isTrue();
  }

  @Test
  void parametersAreInlineWithSchemas() {
    JsonNode patch = firstPatch(document("api/v1"), new GroupVersionKind("", "v1", "Node"))
        .orElseThrow();
    JsonNode fieldValidation = patch.path("parameters").valueStream()
        .filter(p -> p.path("name").asString().equals("fieldValidation")).findFirst()
        .orElseThrow();
    assertThat(fieldValidation.path("in").asString()).isEqualTo("query");
    assertThat(fieldValidation.path("schema").path("type").asString()).isEqualTo("string");
    assertThat(patch.path("parameters").valueStream().map(p -> p.path("name").asString()))
        .contains("name").doesNotContain("namespace");
  }

  /** kubectl's {@code supportsQueryParamV3}: the first PATCH of the kind decides. */
  private static boolean supportsQueryParam(JsonNode doc, GroupVersionKind kind, String name) {
    return firstPatch(doc, kind).map(patch -> patch.path("parameters").valueStream()
        .anyMatch(p -> p.path("name").asString().equals(name))).orElse(false);
  }

  private static Optional<JsonNode> firstPatch(JsonNode doc, GroupVersionKind kind) {
    JsonNode wanted = SchemaJson.groupVersionKind(kind);
    return doc.path("paths").valueStream().map(item -> item.path("patch"))
        .filter(p -> p.path("x-kubernetes-group-version-kind").equals(wanted)).findFirst();
  }

  private static JsonNode document(String gv) {
    return Json.MAPPER.readTree(API.v3Document(gv).orElseThrow().bytes());
  }

  private static void collectRefs(JsonNode node, List<String> into) {
    if (node.isObject()) {
      node.properties().forEach(e -> {
        if (e.getKey().equals("$ref")) {
          into.add(e.getValue().asString());
        } else {
          collectRefs(e.getValue(), into);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, into));
    }
  }
}
