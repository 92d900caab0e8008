package io.capstan.apiserver.openapi;

import com.google.protobuf.CodedOutputStream;
import io.capstan.apiserver.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Encodes a Swagger 2.0 document as gnostic's {@code openapi.v2.Document} protobuf message (from
 * {@code openapiv2/OpenAPIv2.proto} of github.com/google/gnostic), the form kubectl fetches
 * {@code /openapi/v2} in. The message is written field by field with field numbers taken from
 * that file; no generated code is needed.
 *
 * <p>The encoding follows gnostic's JSON compiler: maps become repeated {@code Named*} pairs in
 * document order, {@code x-} keys become {@code vendor_extension} entries whose value is an
 * {@code Any} carrying the value as YAML text (JSON text here, which is valid YAML; kubectl
 * parses it with a YAML decoder), and proto3 defaults (empty strings, false) are left out.
 * Only the constructs {@link SwaggerV2Document} writes are supported; anything else fails
 * loudly rather than being dropped.
 */
final class GnosticProtobuf {

  private GnosticProtobuf() {}

  static byte[] document(JsonNode doc) {
    var m = new Message();
    for (Map.Entry<String, JsonNode> e : doc.properties()) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "swagger" -> m.string(1, v);
        case "info" -> m.message(2, info(v));
        case "host" -> m.string(3, v);
        case "basePath" -> m.string(4, v);
        case "schemes" -> m.strings(5, v);
        case "consumes" -> m.strings(6, v);
        case "produces" -> m.strings(7, v);
        case "paths" -> m.message(8, paths(v));
        case "definitions" -> m.message(9, namedSchemas(v));
        default -> m.extensionOr(16, e, "Document");
      }
    }
    return m.bytes();
  }

  private static byte[] info(JsonNode info) {
    var m = new Message();
    for (Map.Entry<String, JsonNode> e : info.properties()) {
      switch (e.getKey()) {
        case "title" -> m.string(1, e.getValue());
        case "version" -> m.string(2, e.getValue());
        case "description" -> m.string(3, e.getValue());
        default -> m.extensionOr(7, e, "Info");
      }
    }
    return m.bytes();
  }

  private static byte[] paths(JsonNode paths) {
    var m = new Message();
    for (Map.Entry<String, JsonNode> e : paths.properties()) {
      if (e.getKey().startsWith("/")) {
        m.message(2, new Message().string(1, e.getKey())
            .message(2, pathItem(e.getValue())).bytes());
      } else {
        m.extensionOr(1, e, "Paths");
      }
    }
    return m.bytes();
  }

  private static byte[] pathItem(JsonNode item) {
    var m = new Message();
    for (Map.Entry<String, JsonNode> e : item.properties()) {
      int field = switch (e.getKey()) {
        case "get" -> 2;
        case "put" -> 3;
        case "post" -> 4;
        case "delete" -> 5;
        case "options" -> 6;
        case "head" -> 7;
        case "patch" -> 8;
        default -> 0;
      };
      if (field > 0) {
        m.message(field, operation(e.getValue()));
      } else if (e.getKey().equals("parameters")) {
        e.getValue().forEach(p -> m.message(9, parametersItem(p)));
      } else {
        m.extensionOr(10, e, "PathItem");
      }
    }
    return m.bytes();
  }

  private static byte[] operation(JsonNode op) {
    var m = new Message();
    for (Map.Entry<String, JsonNode> e : op.properties()) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "tags" -> m.strings(1, v);
        case "summary" -> m.string(2, v);
        case "description" -> m.string(3, v);
        case "operationId" -> m.string(5, v);
        case "produces" -> m.strings(6, v);
        case "consumes" -> m.strings(7, v);
        case "parameters" -> v.forEach(p -> m.message(8, parametersItem(p)));
        case "responses" -> m.message(9, responses(v));
        case "schemes" -> m.strings(10, v);
        case "deprecated" -> m.bool(11, v);
        default -> m.extensionOr(13, e, "Operation");
      }
    }
    return m.bytes();
  }

  /** ParametersItem{parameter: Parameter{body_parameter | non_body_parameter{query | path}}}. */
  private static byte[] parametersItem(JsonNode p) {
    String in = p.path("in").asString("");
    byte[] parameter = switch (in) {
      case "body" -> new Message().message(1, bodyParameter(p)).bytes();
      case "query" -> new Message().message(2,
          new Message().message(3, nonBodyParameter(p, 23)).bytes()).bytes();
      case "path" -> new Message().message(2,
          new Message().message(4, nonBodyParameter(p, 22)).bytes()).bytes();
      default -> throw new IllegalArgumentException("unsupported parameter location " + in);
    };
    return new Message().message(1, parameter).bytes();
  }

  private static byte[] bodyParameter(JsonNode p) {
    var m = new Message();
    for (Map.Entry<String, JsonNode> e : p.properties()) {
      switch (e.getKey()) {
        case "description" -> m.string(1, e.getValue());
        case "name" -> m.string(2, e.getValue());
        case "in" -> m.string(3, e.getValue());
        case "required" -> m.bool(4, e.getValue());
        case "schema" -> m.message(5, schema(e.getValue()));
        default -> m.extensionOr(6, e, "BodyParameter");
      }
    }
    return m.bytes();
  }

  /**
   * QueryParameterSubSchema and PathParameterSubSchema share their first fields; the query one
   * has {@code allow_empty_value} (5) before {@code type}, shifting the rest by one.
   */
  private static byte[] nonBodyParameter(JsonNode p, int extensionField) {
    int shift = extensionField == 23 ? 1 : 0;
    var m = new Message();
    for (Map.Entry<String, JsonNode> e : p.properties()) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "required" -> m.bool(1, v);
        case "in" -> m.string(2, v);
        case "description" -> m.string(3, v);
        case "name" -> m.string(4, v);
        case "type" -> m.string(5 + shift, v);
        case "format" -> m.string(6 + shift, v);
        case "uniqueItems" -> m.bool(19 + shift, v);
        default -> m.extensionOr(extensionField, e, "Parameter");
      }
    }
    return m.bytes();
  }

  private static byte[] responses(JsonNode responses) {
    var m = new Message();
    for (Map.Entry<String, JsonNode> e : responses.properties()) {
      if (e.getKey().startsWith("x-")) {
        m.extensionOr(2, e, "Responses");
        continue;
      }
      byte[] value = new Message().message(1, response(e.getValue())).bytes();
      m.message(1, new Message().string(1, e.getKey()).message(2, value).bytes());
    }
    return m.bytes();
  }

  private static byte[] response(JsonNode response) {
    var m = new Message();
    for (Map.Entry<String, JsonNode> e : response.properties()) {
      switch (e.getKey()) {
        case "description" -> m.string(1, e.getValue());
        case "schema" -> m.message(2, new Message().message(1, schema(e.getValue())).bytes());
        default -> m.extensionOr(5, e, "Response");
      }
    }
    return m.bytes();
  }

  /** Definitions and Properties: repeated NamedSchema{name, value}. */
  private static byte[] namedSchemas(JsonNode schemas) {
    var m = new Message();
    for (Map.Entry<String, JsonNode> e : schemas.properties()) {
      m.message(1, new Message().string(1, e.getKey()).message(2, schema(e.getValue())).bytes());
    }
    return m.bytes();
  }

  private static byte[] schema(JsonNode schema) {
    var m = new Message();
    for (Map.Entry<String, JsonNode> e : schema.properties()) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "$ref" -> m.string(1, v);
        case "format" -> m.string(2, v);
        case "title" -> m.string(3, v);
        case "description" -> m.string(4, v);
        case "uniqueItems" -> m.bool(16, v);
        case "required" -> m.strings(19, v);
        case "additionalProperties" -> m.message(21, v.isBoolean()
            ? new Message().bool(2, v).bytes()
            : new Message().message(1, schema(v)).bytes());
        case "type" -> m.message(22, new Message().strings(1, v).bytes());
        case "items" -> {
          var items = new Message();
          if (v.isArray()) {
            v.forEach(s -> items.message(1, schema(s)));
          } else {
            items.message(1, schema(v));
          }
          m.message(23, items.bytes());
        }
        case "allOf" -> v.forEach(s -> m.message(24, schema(s)));
        case "properties" -> m.message(25, namedSchemas(v));
        case "readOnly" -> m.bool(27, v);
        default -> m.extensionOr(31, e, "Schema");
      }
    }
    return m.bytes();
  }

  /** One message being written; nested messages are written first and embedded as bytes. */
  private static final class Message {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

    Message string(int field, String value) {
      try {
        if (!value.isEmpty()) {
          out.writeString(field, value);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Message string(int field, JsonNode value) {
      return string(field, value.asString());
    }

    /** A repeated string field from a JSON array, or from a single string. */
    Message strings(int field, JsonNode values) {
      if (values.isArray()) {
        values.forEach(v -> string(field, v));
      } else {
        string(field, values);
      }
      return this;
    }

    Message bool(int field, JsonNode value) {
      try {
        if (value.asBoolean()) {
          out.writeBool(field, true);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** Always written, even when empty: a present empty message differs from an absent one. */
    Message message(int field, byte[] encoded) {
      try {
        out.writeByteArray(field, encoded);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** A vendor extension as NamedAny{name, Any{yaml}}, or a failure for any other key. */
    void extensionOr(int field, Map.Entry<String, JsonNode> entry, String message) {
      if (!entry.getKey().startsWith("x-")) {
        throw new IllegalArgumentException(
            "no " + message + " field for \"" + entry.getKey() + "\"");
      }
      String yaml = Json.MAPPER.writeValueAsString(entry.getValue()) + "\n";
      byte[] any = new Message().string(2, yaml).bytes();
      message(field, new Message().string(1, entry.getKey()).message(2, any).bytes());
    }

    byte[] bytes() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return buffer.toByteArray();
    }
  }
}
