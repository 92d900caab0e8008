package io.capstan.apiserver.openapi;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.openapi.ApiOperation.Parameter;
import io.capstan.apiserver.openapi.SchemaJson.Dialect;
import io.capstan.apiserver.schema.TypeSchemas;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the Swagger 2.0 document of {@code /openapi/v2}: every operation under {@code paths}
 * and every definition under {@code definitions}. Its shape is what kube-openapi's v2 parser
 * (behind kubectl's client-side validation, {@code explain} and {@code apply} patch computation)
 * accepts, and every construct in it has a counterpart in gnostic's protobuf Document, which
 * {@link GnosticProtobuf} encodes it into.
 */
final class SwaggerV2Document {

  private static final SchemaJson SCHEMA = new SchemaJson(Dialect.V2);

  private SwaggerV2Document() {}

  static ObjectNode render(String title, String version, Collection<ApiOperation> operations,
      TypeSchemas schemas) {
    ObjectNode doc = Json.object();
    doc.put("swagger", "2.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", title);
    info.put("version", version);
    ObjectNode paths = doc.putObject("paths");
    byPath(operations).forEach((path, ops) -> {
      ObjectNode item = paths.putObject(path);
      ops.forEach(op -> item.set(op.method(), operation(op)));
    });
    ObjectNode definitions = doc.putObject("definitions");
    schemas.definitions().forEach((name, d) -> definitions.set(name, SCHEMA.definition(d)));
    return doc;
  }

  /** Operations grouped by path, paths and methods in alphabetical order. */
  static Map<String, List<ApiOperation>> byPath(Collection<ApiOperation> operations) {
    return operations.stream().sorted(Comparator.comparing(ApiOperation::method))
        .collect(Collectors.groupingBy(ApiOperation::path, TreeMap::new, Collectors.toList()));
  }

  private static ObjectNode operation(ApiOperation op) {
    ObjectNode node = Json.object();
    if (!op.consumes().isEmpty()) {
      strings(node.putArray("consumes"), op.consumes());
    }
    node.put("description", op.description());
    node.put("operationId", op.operationId());
    ArrayNode parameters = node.putArray("parameters");
    for (Parameter p : op.parameters()) {
      ObjectNode param = parameters.addObject();
      param.put("description", p.description());
      param.put("in", p.in());
      param.put("name", p.name());
      if (p.required()) {
        param.put("required", true);
      }
      param.put("type", p.type());
      param.put("uniqueItems", true);
    }
    op.body().ifPresent(body -> {
      ObjectNode param = parameters.addObject();
      param.put("in", "body");
      param.put("name", "body");
      if (body.required()) {
        param.put("required", true);
      }
      param.set("schema", SCHEMA.ref(body.definition()));
    });
    strings(node.putArray("produces"), op.produces());
    ObjectNode responses = node.putObject("responses");
    op.responses().forEach((code, response) -> {
      ObjectNode r = responses.putObject(code);
      r.put("description", response.description());
      response.definition().ifPresent(d -> r.set("schema", SCHEMA.ref(d)));
    });
    strings(node.putArray("schemes"), List.of("https"));
    strings(node.putArray("tags"), List.of(op.tag()));
    node.put("x-kubernetes-action", op.action());
    node.set("x-kubernetes-group-version-kind", SchemaJson.groupVersionKind(op.kind()));
    return node;
  }

  static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
