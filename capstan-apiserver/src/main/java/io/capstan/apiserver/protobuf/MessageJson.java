package io.capstan.apiserver.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a decoded Kubernetes message into the JSON Go's encoder would write for the same object.
 * Proto field names in Kubernetes' generated.proto are the JSON names. The wire carries every Go
 * value field, zero or not, so zero scalars are left out unless the Go field is a pointer (see
 * {@link GoFieldShapes}); nested messages are always written, as Go writes struct fields.
 * Message types with a custom JSON form (Time, IntOrString, Quantity, ...) are written that way.
 */
final class MessageJson {

  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** {@code apiVersion kind} of the body, to name it in errors. */
  private final String kind;

  MessageJson(String kind) {
    this.kind = kind;
  }

  ObjectNode object(Message message, String path) {
    refuseUnknownFields(message, path);
    Descriptor type = message.getDescriptorForType();
    ObjectNode out = Json.object();
    for (FieldDescriptor field : type.getFields()) {
      String name = field.getName();
      String at = path.isEmpty() ? name : path + "." + name;
      if (field.isMapField()) {
        if (message.getRepeatedFieldCount(field) > 0) {
          out.set(name, map(message, field, at));
        }
      } else if (field.isRepeated()) {
        if (message.getRepeatedFieldCount(field) > 0) {
          out.set(name, array(message, field, at));
        }
      } else if (!message.hasField(field)) {
        continue;
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        Message value = (Message) message.getField(field);
        if (GoFieldShapes.isInline(field)) {
          out.setAll(object(value, path));
        } else {
          out.set(name, value(value, at));
        }
      } else {
        Object value = message.getField(field);
        if (GoFieldShapes.isPointer(field) || !isZero(value)) {
          out.set(name, scalar(value));
        }
      }
    }
    return out;
  }

  private ObjectNode map(Message message, FieldDescriptor field, String path) {
    Descriptor entry = field.getMessageType();
    FieldDescriptor keyField = entry.findFieldByNumber(1);
    FieldDescriptor valueField = entry.findFieldByNumber(2);
    // Go writes map keys sorted; a later duplicate key wins, as in Go's decoder.
    Map<String, JsonNode> sorted = new TreeMap<>();
    for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
      Message e = (Message) message.getRepeatedField(field, i);
      refuseUnknownFields(e, path);
      String key = String.valueOf(e.getField(keyField));
      Object value = e.getField(valueField);
      sorted.put(key, value instanceof Message m ? value(m, path + "[" + key + "]") : scalar(value));
    }
    ObjectNode out = Json.object();
    sorted.forEach(out::set);
    return out;
  }

  private ArrayNode array(Message message, FieldDescriptor field, String path) {
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
      Object value = message.getRepeatedField(field, i);
      out.add(value instanceof Message m ? value(m, path + "[" + i + "]") : scalar(value));
    }
    return out;
  }

  private JsonNode value(Message message, String path) {
    String type = message.getDescriptorForType().getFullName();
    return switch (type) {
      case META + "Time" -> time(message, path, SECONDS);
      case META + "MicroTime" -> time(message, path, MICROS);
      case META + "FieldsV1" -> embeddedJson(message, path);
      case "k8s.io.apimachinery.pkg.runtime.RawExtension" -> embeddedJson(message, path);
      case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> intOrString(message, path);
      case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> quantity(message, path);
      default -> object(message, path);
    };
  }

  /** A zero Go time travels as an empty message and is written as {@code null}. */
  private JsonNode time(Message message, String path, DateTimeFormatter format) {
    refuseUnknownFields(message, path);
    FieldDescriptor seconds = message.getDescriptorForType().findFieldByName("seconds");
    FieldDescriptor nanos = message.getDescriptorForType().findFieldByName("nanos");
    if (!message.hasField(seconds) && !message.hasField(nanos)) {
      return NODES.nullNode();
    }
    Instant instant = Instant.ofEpochSecond((Long) message.getField(seconds),
        (Integer) message.getField(nanos));
    return NODES.stringNode(format.format(instant));
  }

  private JsonNode intOrString(Message message, String path) {
    refuseUnknownFields(message, path);
    Descriptor d = message.getDescriptorForType();
    long type = (Long) message.getField(d.findFieldByName("type"));
    if (type == 0) {
      return NODES.numberNode((Integer) message.getField(d.findFieldByName("intVal")));
    }
    if (type == 1) {
      return NODES.stringNode((String) message.getField(d.findFieldByName("strVal")));
    }
    throw ApiException.badRequest(kind + ": " + path + ": impossible IntOrString.Type " + type);
  }

  private JsonNode quantity(Message message, String path) {
    refuseUnknownFields(message, path);
    return NODES.stringNode(
        (String) message.getField(message.getDescriptorForType().findFieldByNumber(1)));
  }

  /** RawExtension and FieldsV1 hold JSON bytes; empty ones are Go's nil and written as null. */
  private JsonNode embeddedJson(Message message, String path) {
    refuseUnknownFields(message, path);
    ByteString raw = (ByteString) message.getField(message.getDescriptorForType().findFieldByNumber(1));
    if (raw.isEmpty()) {
      return NODES.nullNode();
    }
    try {
      return Json.MAPPER.readTree(raw.toByteArray());
    } catch (JacksonException e) {
      throw ApiException.badRequest(kind + ": " + path + " does not hold JSON: "
          + e.getOriginalMessage());
    }
  }

  private static JsonNode scalar(Object value) {
    return switch (value) {
      case String s -> NODES.stringNode(s);
      case Integer i -> NODES.numberNode(i);
      // The node parsing JSON would give, so callers see the same tree from either encoding.
      case Long l -> l == l.intValue() ? NODES.numberNode(l.intValue()) : NODES.numberNode(l);
      case Boolean b -> NODES.booleanNode(b);
      case Float f -> NODES.numberNode(f);
      case Double d -> NODES.numberNode(d);
      case ByteString bytes -> NODES.stringNode(Base64.getEncoder().encodeToString(bytes.toByteArray()));
      case EnumValueDescriptor e -> NODES.stringNode(e.getName());
      default -> throw new IllegalStateException("unexpected protobuf value " + value.getClass());
    };
  }

  private static boolean isZero(Object value) {
    return switch (value) {
      case String s -> s.isEmpty();
      case Integer i -> i == 0;
      case Long l -> l == 0;
      case Boolean b -> !b;
      case Float f -> f == 0;
      case Double d -> d == 0;
      case ByteString bytes -> bytes.isEmpty();
      default -> false;
    };
  }

  /**
   * Fields this server's descriptors do not know would be lost silently; refusing with 415 lets
   * the client send JSON instead, which keeps them.
   */
  private void refuseUnknownFields(Message message, String path) {
    if (!message.getUnknownFields().asMap().isEmpty()) {
      throw ApiException.unsupportedMediaType(ProtobufBodies.MEDIA_TYPE + " for " + kind
          + " with field(s) " + message.getUnknownFields().asMap().keySet() + " of "
          + message.getDescriptorForType().getName() + (path.isEmpty() ? "" : " at " + path)
          + " that this server cannot read from protobuf; send it as JSON");
    }
  }
}
