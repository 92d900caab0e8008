package io.capstan.apiserver.schema;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.schema.TypeSchema.ArrayOf;
import io.capstan.apiserver.schema.TypeSchema.MapOf;
import io.capstan.apiserver.schema.TypeSchema.ObjectType;
import io.capstan.apiserver.schema.TypeSchema.Ref;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Server-side field validation: finds the fields of a request body that its type does not have
 * ({@code unknown field "spec.foo"}) and, in raw JSON, keys given twice in one object
 * ({@code duplicate field "spec.replicas"}), with the paths Kubernetes' strict decoder reports:
 * properties joined by dots, list elements as {@code [i]}, map keys as properties.
 *
 * <p>Everything the published schema declares is known, {@code apiVersion}, {@code kind},
 * {@code metadata} and {@code status} included; inside maps every key is known; inside free-form
 * objects ({@code FieldsV1}, {@code RawExtension}) nothing is checked. Values of the wrong JSON
 * type are not this check's business: decoding reports them.
 *
 * <p>The check is one streaming pass over the body's tokens, so raw bytes cost no tree.
 */
public final class FieldValidation {

  private final Supplier<TypeSchemas> schemas;

  public FieldValidation(TypeSchemas schemas) {
    this(() -> schemas);
  }

  /** Validation over schemas built on first use, e.g. a {@link LazyTypeSchemas}. */
  public FieldValidation(Supplier<TypeSchemas> schemas) {
    this.schemas = schemas;
  }

  /**
   * Unknown and duplicate fields of a JSON body for the kind of {@code modelClass}.
   *
   * @throws IllegalArgumentException if the schemas do not know the class
   * @throws tools.jackson.core.JacksonException if the body is not JSON
   */
  public FieldProblems check(byte[] json, Class<?> modelClass) {
    return check(json, definitionOf(modelClass));
  }

  /** Unknown and duplicate fields of a JSON body for the definition named {@code definition}. */
  public FieldProblems check(byte[] json, String definition) {
    try (JsonParser parser = Json.MAPPER.createParser(json)) {
      return walk(parser, definition);
    }
  }

  /**
   * Unknown fields of a body already parsed (from JSON or YAML) for the kind of
   * {@code modelClass}. A tree cannot hold duplicate keys, so none are reported.
   */
  public FieldProblems check(JsonNode body, Class<?> modelClass) {
    return check(body, definitionOf(modelClass));
  }

  public FieldProblems check(JsonNode body, String definition) {
    try (JsonParser parser = Json.MAPPER.treeAsTokens(body)) {
      return walk(parser, definition);
    }
  }

  private String definitionOf(Class<?> modelClass) {
    return schemas.get().definitionName(modelClass).orElseThrow(
        () -> new IllegalArgumentException("no schema for " + modelClass.getName()));
  }

  private FieldProblems walk(JsonParser parser, String definition) {
    TypeSchemas types = schemas.get();
    if (types.definition(definition).isEmpty()) {
      throw new IllegalArgumentException("no definition " + definition);
    }
    var walk = new Walk(types, parser);
    if (parser.nextToken() != null) {
      walk.value(Optional.of(new Ref(definition)), "");
    }
    return new FieldProblems(walk.problems);
  }

  /** One pass over one body. */
  private static final class Walk {
    private final TypeSchemas types;
    private final JsonParser parser;
    private final List<String> problems = new ArrayList<>();

    Walk(TypeSchemas types, JsonParser parser) {
      this.types = types;
      this.parser = parser;
    }

    /** Walks the value at the current token; an empty schema means anything goes. */
    void value(Optional<TypeSchema> declared, String path) {
      Optional<TypeSchema> schema = declared.flatMap(this::resolve);
      JsonToken token = parser.currentToken();
      if (token == JsonToken.START_OBJECT) {
        object(schema.orElse(null), path);
      } else if (token == JsonToken.START_ARRAY) {
        if (schema.orElse(null) instanceof ArrayOf array) {
          int index = 0;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            value(Optional.of(array.items()), path + "[" + index++ + "]");
          }
        } else {
          parser.skipChildren();
        }
      }
    }

    private void object(TypeSchema schema, String path) {
      if (!(schema instanceof ObjectType) && !(schema instanceof MapOf)) {
        parser.skipChildren();
        return;
      }
      var seen = new HashSet<String>();
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        String child = path.isEmpty() ? name : path + "." + name;
        parser.nextToken();
        boolean first = seen.add(name);
        if (!first) {
          problems.add("duplicate field \"" + child + "\"");
        }
        Optional<TypeSchema> property = schema instanceof ObjectType o
            ? Optional.ofNullable(o.properties().get(name))
            : Optional.of(((MapOf) schema).values());
        if (property.isEmpty()) {
          if (first) {
            problems.add("unknown field \"" + child + "\"");
          }
          parser.skipChildren();
        } else {
          value(property, child);
        }
      }
    }

    /** Follows references to the schema that says what the value is. */
    private Optional<TypeSchema> resolve(TypeSchema schema) {
      TypeSchema s = schema;
      while (s instanceof Ref ref) {
        Optional<Definition> d = types.definition(ref.definition());
        if (d.isEmpty()) {
          return Optional.empty();
        }
        s = d.get().schema();
      }
      return Optional.of(s);
    }
  }
}
