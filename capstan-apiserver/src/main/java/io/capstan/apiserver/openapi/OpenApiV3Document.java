package io.capstan.apiserver.openapi;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.openapi.ApiOperation.Parameter;
import io.capstan.apiserver.openapi.SchemaJson.Dialect;
import io.capstan.apiserver.schema.TypeSchemas;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the OpenAPI 3.0 document of one group version ({@code /openapi/v3/apis/apps/v1}): its
 * operations and the schemas they reach. kubectl 1.32 reads three things from it: the
 * {@code x-kubernetes-group-version-kind} of each operation and component schema (to find a
 * kind), the PATCH operation's parameters (it sends {@code fieldValidation=Strict} only when
 * {@code fieldValidation} is listed) and its request body's media types (it computes
 * strategic-merge patches only when {@code application/strategic-merge-patch+json} is one).
 * Parameters are written inline because kubectl reads their names without resolving
 * references.
 */
final class OpenApiV3Document {

  private static final SchemaJson SCHEMA = new SchemaJson(Dialect.V3);

  private OpenApiV3Document() {}

  static ObjectNode render(String title, String version, Collection<ApiOperation> operations,
      TypeSchemas schemas) {
    ObjectNode doc = Json.object();
    doc.put("openapi", "3.0.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", title);
    info.put("version", version);
    ObjectNode paths = doc.putObject("paths");
    var referenced = new LinkedHashSet<String>();
    SwaggerV2Document.byPath(operations).forEach((path, ops) -> {
      ObjectNode item = paths.putObject(path);
      for (ApiOperation op : ops) {
        item.set(op.method(), operation(op));
        op.body().ifPresent(b -> referenced.add(b.definition()));
        op.responses().values().forEach(r -> r.definition().ifPresent(referenced::add));
      }
    });
    ObjectNode components = doc.putObject("components").putObject("schemas");
    for (String name : new TreeSet<>(schemas.reachableFrom(referenced))) {
      components.set(name, SCHEMA.definition(schemas.definition(name).orElseThrow()));
    }
    return doc;
  }

  private static ObjectNode operation(ApiOperation op) {
    ObjectNode node = Json.object();
    node.put("description", op.description());
    node.put("operationId", op.operationId());
    ArrayNode parameters = node.putArray("parameters");
    for (Parameter p : op.parameters()) {
      ObjectNode param = parameters.addObject();
      param.put("name", p.name());
      param.put("in", p.in());
      param.put("description", p.description());
      if (p.required()) {
        param.put("required", true);
      }
      ObjectNode schema = param.putObject("schema");
      schema.put("type", p.type());
      schema.put("uniqueItems", true);
    }
    op.body().ifPresent(body -> {
      ObjectNode request = node.putObject("requestBody");
      content(request.putObject("content"), op.consumes(), body.definition());
      if (body.required()) {
        request.put("required", true);
      }
    });
    ObjectNode responses = node.putObject("responses");
    op.responses().forEach((code, response) -> {
      ObjectNode r = responses.putObject(code);
      r.put("description", response.description());
      response.definition().ifPresent(d -> content(r.putObject("content"), op.produces(), d));
    });
    SwaggerV2Document.strings(node.putArray("tags"), List.of(op.tag()));
    node.put("x-kubernetes-action", op.action());
    node.set("x-kubernetes-group-version-kind", SchemaJson.groupVersionKind(op.kind()));
    return node;
  }

  private static void content(ObjectNode content, List<String> mediaTypes, String definition) {
    for (String mediaType : mediaTypes) {
      content.putObject(mediaType).set("schema", SCHEMA.ref(definition));
    }
  }
}
