package io.capstan.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the protobuf v2 document back with a schema-less reader and the field numbers of
 * gnostic's {@code OpenAPIv2.proto}, and checks it says what the JSON document says.
 */
class GnosticProtobufTest {

  // openapi.v2 field numbers, as in OpenAPIv2.proto.
  private static final int DOCUMENT_SWAGGER = 1;
  private static final int DOCUMENT_INFO = 2;
  private static final int DOCUMENT_PATHS = 8;
  private static final int DOCUMENT_DEFINITIONS = 9;
  private static final int PATHS_PATH = 2;
  private static final int PATH_ITEM_PATCH = 8;
  private static final int OPERATION_ID = 5;
  private static final int OPERATION_CONSUMES = 7;
  private static final int OPERATION_PARAMETERS = 8;
  private static final int OPERATION_RESPONSES = 9;
  private static final int OPERATION_EXTENSIONS = 13;
  private static final int SCHEMA_EXTENSIONS = 31;

  private static final JsonNode JSON = SwaggerV2DocumentTest.DOC;
  private static final ProtoMessage DOC =
      ProtoMessage.parse(SwaggerV2DocumentTest.API.v2Protobuf().bytes());

  @Test
  void documentHeaderMatches() {
    assertThat(DOC.string(DOCUMENT_SWAGGER)).isEqualTo("2.0");
    ProtoMessage info = DOC.message(DOCUMENT_INFO).orElseThrow();
    assertThat(info.string(1)).isEqualTo("Kubernetes");
    assertThat(info.string(2)).isEqualTo(JSON.path("info").path("version").asString());
  }

  @Test
  void deploymentDefinitionCarriesItsGroupVersionKindAsYaml() {
    ProtoMessage definitions = DOC.message(DOCUMENT_DEFINITIONS).orElseThrow();
    ProtoMessage deployment = definitions.named(1, "io.k8s.api.apps.v1.Deployment")
        .orElseThrow();
    assertThat(deployment.message(22).orElseThrow().strings(1)).containsExactly("object");
    ProtoMessage gvk = deployment.named(SCHEMA_EXTENSIONS, "x-kubernetes-group-version-kind")
        .orElseThrow();
    // NamedAny.value is an Any{value = 1, yaml = 2}; kubectl parses yaml with a YAML decoder.
    assertThat(Json.YAML.readTree(gvk.string(2))).isEqualTo(Json.MAPPER.readTree(
        "[{\"group\": \"apps\", \"kind\": \"Deployment\", \"version\": \"v1\"}]"));
    ProtoMessage spec = deployment.message(25).orElseThrow().named(1, "spec").orElseThrow();
    assertThat(spec.string(1)).isEqualTo("#/definitions/io.k8s.api.apps.v1.DeploymentSpec");
  }

  @Test
  void everyDefinitionDecodesToTheJsonDefinition() {
    ProtoMessage definitions = DOC.message(DOCUMENT_DEFINITIONS).orElseThrow();
    List<ProtoMessage> named = definitions.messages(1);
    assertThat(named).hasSize(JSON.path("definitions").size());
    for (ProtoMessage entry : named) {
      String name = entry.string(1);
      assertThat(schemaJson(entry.message(2).orElseThrow())).as(name)
          .isEqualTo(JSON.path("definitions").path(name));
    }
  }

  @Test
  void patchOperationListsFieldValidationAndStrategicMerge() {
    ProtoMessage item = DOC.message(DOCUMENT_PATHS).orElseThrow()
        .named(PATHS_PATH, "/apis/apps/v1/namespaces/{namespace}/deployments/{name}")
        .orElseThrow();
    ProtoMessage patch = item.message(PATH_ITEM_PATCH).orElseThrow();
    assertThat(patch.string(OPERATION_ID)).isEqualTo("patchAppsV1NamespacedDeployment");
    assertThat(patch.strings(OPERATION_CONSUMES))
        .contains("application/strategic-merge-patch+json");
    assertThat(Json.YAML.readTree(patch.named(OPERATION_EXTENSIONS,
        "x-kubernetes-group-version-kind").orElseThrow().string(2)).path("kind").asString())
        .isEqualTo("Deployment");
    List<String> queryParameters = patch.messages(OPERATION_PARAMETERS).stream()
        // ParametersItem.parameter → Parameter.non_body_parameter → query_parameter_sub_schema
        .map(p -> p.message(1).orElseThrow().message(2))
        .flatMap(Optional::stream)
        .map(nonBody -> nonBody.message(3))
        .flatMap(Optional::stream)
        .map(query -> query.string(4))
        .toList();
    assertThat(queryParameters).contains("fieldValidation", "dryRun", "fieldManager", "force");
    ProtoMessage body = patch.messages(OPERATION_PARAMETERS).stream()
        .map(p -> p.message(1).orElseThrow().message(1))
        .flatMap(Optional::stream).findFirst().orElseThrow();
    assertThat(body.string(3)).isEqualTo("body");
    assertThat(body.bool(4)).isTrue();
    assertThat(body.message(5).orElseThrow().string(1))
        .isEqualTo("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
    ProtoMessage ok = patch.message(OPERATION_RESPONSES).orElseThrow().named(1, "200")
        .orElseThrow().message(1).orElseThrow();
    assertThat(ok.string(1)).isEqualTo("OK");
    assertThat(ok.message(2).orElseThrow().message(1).orElseThrow().string(1))
        .isEqualTo("#/definitions/io.k8s.api.apps.v1.Deployment");
  }

  @Test
  void pathParametersUseThePathSubSchema() {
    ProtoMessage get = DOC.message(DOCUMENT_PATHS).orElseThrow()
        .named(PATHS_PATH, "/api/v1/nodes/{name}").orElseThrow().message(2).orElseThrow();
    ProtoMessage name = get.messages(OPERATION_PARAMETERS).getFirst().message(1).orElseThrow()
        .message(2).orElseThrow().message(4).orElseThrow();
    assertThat(name.bool(1)).isTrue();
    assertThat(name.string(2)).isEqualTo("path");
    assertThat(name.string(4)).isEqualTo("name");
    assertThat(name.string(5)).isEqualTo("string");
  }

  @Test
  void refusesWhatItCannotEncode() {
    ObjectNode doc = Json.object();
    doc.put("swagger", "2.0");
    doc.putObject("definitions").putObject("X").put("minimum", 1);
    assertThatThrownBy(() -> GnosticProtobuf.document(doc))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimum");
  }

  /** The inverse of the encoder for Schema messages. */
  private static ObjectNode schemaJson(ProtoMessage schema) {
    ObjectNode node = Json.object();
    for (ProtoMessage.Field f : schema.fields()) {
      switch (f.number()) {
        case 1 -> node.put("$ref", text(f));
        case 2 -> node.put("format", text(f));
        case 4 -> node.put("description", text(f));
        case 16 -> node.put("uniqueItems", f.varint() != 0);
        case 19 -> array(node, "required").add(text(f));
        case 21 -> {
          ProtoMessage item = ProtoMessage.parse(f.bytes());
          node.set("additionalProperties", item.message(1).map(GnosticProtobufTest::schemaJson)
              .map(JsonNode.class::cast).orElseGet(() -> node.booleanNode(item.bool(2))));
        }
        case 22 -> {
          List<String> types = ProtoMessage.parse(f.bytes()).strings(1);
          node.put("type", types.getFirst());
        }
        case 23 -> node.set("items",
            schemaJson(ProtoMessage.parse(f.bytes()).message(1).orElseThrow()));
        case 25 -> {
          ObjectNode properties = node.putObject("properties");
          for (ProtoMessage p : ProtoMessage.parse(f.bytes()).messages(1)) {
            properties.set(p.string(1), schemaJson(p.message(2).orElseThrow()));
          }
        }
        case SCHEMA_EXTENSIONS -> {
          ProtoMessage any = ProtoMessage.parse(f.bytes());
          node.set(any.string(1), Json.YAML.readTree(any.message(2).orElseThrow().string(2)));
        }
        default -> throw new AssertionError("unexpected Schema field " + f.number());
      }
    }
    return node;
  }

  private static ArrayNode array(ObjectNode node, String name) {
    return node.has(name) ? (ArrayNode) node.get(name) : node.putArray(name);
  }

  private static String text(ProtoMessage.Field f) {
    return new String(f.bytes(), StandardCharsets.UTF_8);
  }
}
