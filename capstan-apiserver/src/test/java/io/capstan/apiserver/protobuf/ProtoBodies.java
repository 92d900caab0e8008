package io.capstan.apiserver.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.UnknownFieldSet;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Builds Kubernetes protobuf messages and bodies for tests, from field-name/value pairs: a value
 * is a scalar, a {@link ByteString}, an {@code Object[]} of pairs for a nested message, a
 * {@link List} for a repeated field or a {@link Map} for a map field.
 */
final class ProtoBodies {

  private ProtoBodies() {}

  static DynamicMessage message(Descriptor type, Object... pairs) {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    for (int i = 0; i < pairs.length; i += 2) {
      FieldDescriptor field = type.findFieldByName((String) pairs[i]);
      if (field == null) {
        throw new IllegalArgumentException(type.getName() + " has no field " + pairs[i]);
      }
      Object value = pairs[i + 1];
      if (field.isMapField() && value instanceof Map<?, ?> map) {
        Descriptor entry = field.getMessageType();
        map.forEach((k, v) -> builder.addRepeatedField(field, message(entry, "key", k, "value", v)));
      } else if (field.isRepeated() && value instanceof List<?> list) {
        list.forEach(v -> builder.addRepeatedField(field, convert(field, v)));
      } else {
        builder.setField(field, convert(field, value));
      }
    }
    return builder.build();
  }

  private static Object convert(FieldDescriptor field, Object value) {
    if (value instanceof Object[] pairs) {
      return message(field.getMessageType(), pairs);
    }
    return value;
  }

  /** {@code k8s\0} and a runtime.Unknown envelope around {@code raw}. */
  static byte[] body(String apiVersion, String kind, byte[] raw) {
    Descriptor unknown = io.kubernetes.client.proto.Runtime.getDescriptor()
        .findMessageTypeByName("Unknown");
    DynamicMessage envelope = message(unknown,
        "typeMeta", new Object[] {"apiVersion", apiVersion, "kind", kind},
        "raw", ByteString.copyFrom(raw), "contentEncoding", "", "contentType", "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'k', '8', 's', 0});
    out.writeBytes(envelope.toByteArray());
    return out.toByteArray();
  }

  static byte[] body(String apiVersion, String kind, DynamicMessage object) {
    return body(apiVersion, kind, object.toByteArray());
  }

  /** The same message with a field number its type does not have. */
  static DynamicMessage withUnknownField(DynamicMessage message, int number) {
    return message.toBuilder()
        .setUnknownFields(UnknownFieldSet.newBuilder()
            .addField(number, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
            .build())
        .build();
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.strip());
  }
}
