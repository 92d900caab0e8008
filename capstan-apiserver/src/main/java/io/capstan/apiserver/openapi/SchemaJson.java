package io.capstan.apiserver.openapi;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.schema.Definition;
import io.capstan.apiserver.schema.GroupVersionKind;
import io.capstan.apiserver.schema.TypeSchema.ArrayOf;
import io.capstan.apiserver.schema.TypeSchema.FreeFormObject;
import io.capstan.apiserver.schema.TypeSchema.MapOf;
import io.capstan.apiserver.schema.TypeSchema.ObjectType;
import io.capstan.apiserver.schema.TypeSchema.Ref;
import io.capstan.apiserver.schema.TypeSchema.Scalar;
import io.capstan.apiserver.schema.TypeSchema;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@link TypeSchema}s as OpenAPI schema objects, in either dialect, with keys in the
 * alphabetical order Kubernetes publishes them in.
 *
 * <p>The dialects differ where kubectl looks: v2 references sit beside their description
 * ({@code {"$ref": ..., "description": ...}}, which kube-openapi's v2 parser accepts), while v3
 * wraps a described reference in a one-element {@code allOf}; v3 publishes {@code IntOrString}
 * and {@code Quantity} as {@code oneOf} their alternatives instead of {@code type: string}.
 */
final class SchemaJson {

  enum Dialect {
    V2("#/definitions/"),
    V3("#/components/schemas/");

    final String refPrefix;

    Dialect(String refPrefix) {
      this.refPrefix = refPrefix;
    }
  }

  private final Dialect dialect;

  SchemaJson(Dialect dialect) {
    this.dialect = dialect;
  }

  /** A definition, with its {@code x-kubernetes-group-version-kind} list when it is a kind. */
  ObjectNode definition(Definition definition) {
    ObjectNode node = schema(definition.schema());
    if (!definition.kinds().isEmpty()) {
      ArrayNode kinds = node.putArray("x-kubernetes-group-version-kind");
      definition.kinds().forEach(k -> kinds.add(groupVersionKind(k)));
      sortExtensions(node);
    }
    return node;
  }

  /** {@code {"group": ..., "kind": ..., "version": ...}}. */
  static ObjectNode groupVersionKind(GroupVersionKind kind) {
    ObjectNode node = Json.object();
    node.put("group", kind.group());
    node.put("kind", kind.kind());
    node.put("version", kind.version());
    return node;
  }

  ObjectNode ref(String definition) {
    ObjectNode node = Json.object();
    node.put("$ref", dialect.refPrefix + definition);
    return node;
  }

  ObjectNode schema(TypeSchema schema) {
    ObjectNode node = Json.object();
    switch (schema) {
      case Ref r -> {
        boolean plain = r.description().isEmpty() && r.extensions().isEmpty();
        if (dialect == Dialect.V2 || plain) {
          node.put("$ref", dialect.refPrefix + r.definition());
        } else {
          node.putArray("allOf").add(ref(r.definition()));
        }
        description(node, r.description());
      }
      case Scalar s -> {
        description(node, s.description());
        if (!s.format().isEmpty()) {
          node.put("format", s.format());
        }
        if (dialect == Dialect.V3 && !s.v3OneOf().isEmpty()) {
          ArrayNode oneOf = node.putArray("oneOf");
          s.v3OneOf().forEach(t -> oneOf.addObject().put("type", t));
        } else {
          node.put("type", s.type());
        }
      }
      case ArrayOf a -> {
        description(node, a.description());
        node.set("items", schema(a.items()));
        node.put("type", "array");
      }
      case MapOf m -> {
        node.set("additionalProperties", schema(m.values()));
        description(node, m.description());
        node.put("type", "object");
      }
      case FreeFormObject f -> {
        description(node, f.description());
        node.put("type", "object");
        node.put("x-kubernetes-preserve-unknown-fields", true);
      }
      case ObjectType o -> {
        description(node, o.description());
        ObjectNode properties = node.putObject("properties");
        o.properties().forEach((name, p) -> properties.set(name, schema(p)));
        if (!o.required().isEmpty()) {
          ArrayNode required = node.putArray("required");
          o.required().forEach(required::add);
        }
        node.put("type", "object");
      }
    }
    extensions(node, schema.extensions());
    return node;
  }

  private static void description(ObjectNode node, String description) {
    if (!description.isEmpty()) {
      node.put("description", description);
    }
  }

  private static void extensions(ObjectNode node, Map<String, Object> extensions) {
    if (extensions.isEmpty()) {
      return;
    }
    new TreeMap<>(extensions).forEach((k, v) -> node.set(k, Json.MAPPER.valueToTree(v)));
    sortExtensions(node);
  }

  /** Moves the {@code x-} keys after the others, sorted, as Kubernetes orders them. */
  private static void sortExtensions(ObjectNode node) {
    var sorted = new TreeMap<String, JsonNode>();
    for (String name : List.copyOf(node.propertyNames())) {
      if (name.startsWith("x-")) {
        sorted.put(name, node.remove(name));
      }
    }
    sorted.forEach(node::set);
  }
}
