package io.capstan.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.schema.TypeSchemas;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The v2 document against the rules of kube-openapi's v2 parser (the one behind kubectl's
 * validation, explain and apply), and against what kubectl reads from its operations.
 */
class SwaggerV2DocumentTest {

  static final List<ResourceType> TYPES = SampleResources.all();
  static final TypeSchemas SCHEMAS = ResourceSchemas.of(TYPES);
  static final OpenApi API = OpenApi.build(TYPES, SCHEMAS);
  static final JsonNode DOC = Json.MAPPER.readTree(API.v2Json().bytes());

  private static final Set<String> PRIMITIVES = Set.of("string", "number", "integer", "boolean");
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([a-z]+)}");
  private static final Set<String> ACTIONS = Set.of("get", "list", "post", "put", "patch",
      "delete", "deletecollection");

  @Test
  void isASwagger2DocumentWithPathsAndDefinitions() {
    assertThat(DOC.path("swagger").asString()).isEqualTo("2.0");
    assertThat(DOC.path("info").path("title").asString()).isEqualTo("Kubernetes");
    assertThat(DOC.path("definitions").size()).isEqualTo(SCHEMAS.definitions().size());
    assertThat(DOC.path("paths").propertyNames()).contains(
        "/api/v1/namespaces/{namespace}/pods", "/api/v1/namespaces/{namespace}/pods/{name}",
        "/api/v1/namespaces/{namespace}/pods/{name}/status",
        "/api/v1/namespaces/{namespace}/pods/{name}/binding",
        "/api/v1/namespaces/{namespace}/pods/{name}/eviction", "/api/v1/pods", "/api/v1/nodes",
        "/api/v1/nodes/{name}", "/api/v1/nodes/{name}/status",
        "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale",
        "/apis/apps/v1/deployments", "/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases",
        "/apis/discovery.k8s.io/v1/endpointslices");
    assertThat(DOC.path("paths").propertyNames()).doesNotContain("/api/v1/nodes/{name}/scale",
        "/api/v1/namespaces/{namespace}/nodes");
  }

  @Test
  void everyDefinitionParsesUnderKubeOpenApiRules() {
    var errors = new ArrayList<String>();
    DOC.path("definitions").properties().forEach(
        e -> checkSchema(e.getValue(), e.getKey(), errors));
    assertThat(errors).isEmpty();
  }

  @Test
  void kindsCarryAGroupVersionKindListAsKubectlReadsIt() {
    JsonNode deployment = DOC.path("definitions").path("io.k8s.api.apps.v1.Deployment");
    assertThat(deployment.path("x-kubernetes-group-version-kind")).isEqualTo(Json.MAPPER.readTree(
        "[{\"group\": \"apps\", \"kind\": \"Deployment\", \"version\": \"v1\"}]"));
    JsonNode deleteOptions = DOC.path("definitions")
        .path("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions");
    assertThat(deleteOptions.path("x-kubernetes-group-version-kind").valueStream()
        .map(k -> k.path("group").asString()).toList())
        .contains("", "apps", "coordination.k8s.io", "discovery.k8s.io");
    var kinds = new HashSet<String>();
    DOC.path("definitions").forEach(d -> d.path("x-kubernetes-group-version-kind").forEach(
        k -> kinds.add(k.path("group").asString() + "/" + k.path("kind").asString())));
    assertThat(kinds).contains("/Pod", "/PodList", "/Node", "/Binding", "/Status",
        "apps/Deployment", "apps/ReplicaSetList", "autoscaling/Scale", "coordination.k8s.io/Lease",
        "discovery.k8s.io/EndpointSlice", "policy/Eviction", "policy/PodDisruptionBudget");
  }

  @Test
  void containersCarryTheirMergeKeyForApply() {
    JsonNode containers = DOC.path("definitions").path("io.k8s.api.core.v1.PodSpec")
        .path("properties").path("containers");
    assertThat(containers.path("x-kubernetes-patch-merge-key").asString()).isEqualTo("name");
    assertThat(containers.path("x-kubernetes-patch-strategy").asString()).isEqualTo("merge");
    assertThat(containers.path("items").path("$ref").asString())
        .isEqualTo("#/definitions/io.k8s.api.core.v1.Container");
    assertThat(DOC.path("definitions").path("io.k8s.api.core.v1.Container").path("required"))
        .isEqualTo(Json.MAPPER.readTree("[\"name\"]"));
  }

  @Test
  void operationsAreComplete() {
    var ids = new HashSet<String>();
    var errors = new ArrayList<String>();
    DOC.path("paths").properties().forEach(path -> path.getValue().properties().forEach(m -> {
      String where = m.getKey() + " " + path.getKey();
      JsonNode op = m.getValue();
      if (!ids.add(op.path("operationId").asString())) {
        errors.add(where + ": duplicate operationId " + op.path("operationId"));
      }
      if (!ACTIONS.contains(op.path("x-kubernetes-action").asString())) {
        errors.add(where + ": action " + op.path("x-kubernetes-action"));
      }
      JsonNode gvk = op.path("x-kubernetes-group-version-kind");
      if (!gvk.isObject() || gvk.path("kind").asString("").isEmpty()
          || !gvk.has("group") || !gvk.has("version")) {
        errors.add(where + ": group-version-kind " + gvk);
      }
      for (var m2 = PATH_PARAMETER.matcher(path.getKey()); m2.find(); ) {
        String param = m2.group(1);
        if (op.path("parameters").valueStream().noneMatch(
            p -> p.path("name").asString().equals(param) && p.path("in").asString().equals("path")
                && p.path("required").asBoolean())) {
          errors.add(where + ": no path parameter " + param);
        }
      }
      op.path("parameters").forEach(p -> {
        if (p.path("in").asString().equals("body")) {
          checkRef(p.path("schema").path("$ref").asString(), where, errors);
        }
      });
      op.path("responses").forEach(r -> {
        if (r.has("schema")) {
          checkRef(r.path("schema").path("$ref").asString(), where, errors);
        }
      });
    }));
    assertThat(errors).isEmpty();
    assertThat(ids).contains("listAppsV1NamespacedDeployment",
        "listAppsV1DeploymentForAllNamespaces", "createAppsV1NamespacedDeployment",
        "deleteAppsV1CollectionNamespacedDeployment", "readAppsV1NamespacedDeployment",
        "replaceAppsV1NamespacedDeployment", "patchAppsV1NamespacedDeployment",
        "deleteAppsV1NamespacedDeployment", "readAppsV1NamespacedDeploymentStatus",
        "patchAppsV1NamespacedDeploymentScale", "createCoreV1NamespacedPodBinding",
        "createCoreV1NamespacedPodEviction", "patchPolicyV1NamespacedPodDisruptionBudgetStatus",
        "listCoreV1Node", "deleteCoreV1CollectionNode", "patchCoreV1NodeStatus",
        "listCoordinationV1NamespacedLease", "listDiscoveryV1EndpointSliceForAllNamespaces");
  }

  @Test
  void patchOperationsOfferStrategicMergeAndFieldValidation() {
    // kubectl 1.2x's GetConsumes: the PATCH operation whose group-version-kind matches.
    JsonNode patch = DOC.path("paths")
        .path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").path("patch");
    assertThat(patch.path("x-kubernetes-group-version-kind")).isEqualTo(Json.MAPPER.readTree(
        "{\"group\": \"apps\", \"kind\": \"Deployment\", \"version\": \"v1\"}"));
    assertThat(patch.path("consumes").valueStream().map(JsonNode::asString).toList())
        .contains("application/strategic-merge-patch+json", "application/merge-patch+json",
            "application/json-patch+json", "application/apply-patch+yaml");
    assertThat(patch.path("parameters").valueStream().map(p -> p.path("name").asString()))
        .contains("fieldValidation", "dryRun", "fieldManager", "force", "body");
    JsonNode scale = DOC.path("paths")
        .path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale").path("put");
    assertThat(scale.path("x-kubernetes-group-version-kind").path("kind").asString())
        .isEqualTo("Scale");
    assertThat(scale.path("parameters").valueStream()
        .filter(p -> p.path("in").asString().equals("body")).findFirst().orElseThrow()
        .path("schema").path("$ref").asString())
        .isEqualTo("#/definitions/io.k8s.api.autoscaling.v1.Scale");
  }

  @Test
  void listAndDeleteCollectionTakeTheirQueryParameters() {
    JsonNode collection = DOC.path("paths").path("/api/v1/namespaces/{namespace}/pods");
    assertThat(names(collection.path("get"))).contains("labelSelector", "fieldSelector",
        "watch", "resourceVersion", "limit", "continue", "timeoutSeconds", "allowWatchBookmarks");
    assertThat(names(collection.path("delete"))).contains("labelSelector",
        "gracePeriodSeconds", "propagationPolicy").doesNotContain("watch");
    assertThat(names(collection.path("post"))).contains("fieldValidation", "dryRun", "body");
    assertThat(collection.path("get").path("produces").valueStream().map(JsonNode::asString))
        .contains("application/json;stream=watch");
  }

  private static List<String> names(JsonNode op) {
    return op.path("parameters").valueStream().map(p -> p.path("name").asString()).toList();
  }

  private static void checkRef(String ref, String where, List<String> errors) {
    if (!ref.startsWith("#/definitions/")
        || !DOC.path("definitions").has(ref.substring("#/definitions/".length()))) {
      errors.add(where + ": dangling reference " + ref);
    }
  }

  /** kube-openapi's {@code ParseSchema}, old and new: what makes kubectl refuse a document. */
  private static void checkSchema(JsonNode s, String path, List<String> errors) {
    for (Map.Entry<String, JsonNode> e : s.properties()) {
      if (!Set.of("$ref", "description", "type", "format", "properties", "required", "items",
          "additionalProperties").contains(e.getKey()) && !e.getKey().startsWith("x-")) {
        errors.add(path + ": unexpected key " + e.getKey());
      }
    }
    if (s.has("$ref")) {
      if (s.has("type") || s.has("properties")) {
        errors.add(path + ": reference with a type or properties");
      }
      checkRef(s.path("$ref").asString(), path, errors);
      return;
    }
    String type = s.path("type").asString("");
    switch (type) {
      case "object" -> {
        if (s.has("properties")) {
          s.path("properties").properties().forEach(
              p -> checkSchema(p.getValue(), path + "." + p.getKey(), errors));
        } else if (s.has("additionalProperties")) {
          checkSchema(s.path("additionalProperties"), path + "[*]", errors);
        }
      }
      case "array" -> {
        if (!s.path("items").isObject()) {
          errors.add(path + ": array without exactly one item schema");
        } else {
          checkSchema(s.path("items"), path + "[]", errors);
        }
      }
      case "" -> {
        if (s.has("properties")) {
          errors.add(path + ": properties without type object");
        }
      }
      default -> {
        if (!PRIMITIVES.contains(type)) {
          errors.add(path + ": unknown primitive type " + type);
        }
      }
    }
  }
}
