package io.capstan.apiserver.protobuf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import java.io.IOException;
import java.util.Arrays;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes a Kubernetes protobuf request body into the JSON tree of the same object, with
 * {@code apiVersion} and {@code kind} taken from the envelope. A body is the 4-byte magic
 * {@code k8s\0} followed by a {@code runtime.Unknown} message: {1: TypeMeta{1: apiVersion,
 * 2: kind}, 2: raw (the object's message), 3: contentEncoding, 4: contentType}. Like the Kubernetes
 * protobuf serializer, the last two are ignored.
 */
public final class ProtobufBodies {

  /** The media type of these bodies, for callers that dispatch on {@code Content-Type}. */
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufBodies() {}

  /**
   * Throws {@link ApiException} 400 for a body that is not a well-formed protobuf object, and 415
   * for a kind this server cannot read from protobuf or one carrying fields it does not know.
   */
  public static ObjectNode decode(byte[] body) {
    if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw ApiException.badRequest(
          "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
    }
    if (body.length == MAGIC.length) {
      throw ApiException.badRequest("empty body");
    }
    Envelope envelope = readEnvelope(body);
    if (envelope.kind().isEmpty()) {
      throw ApiException.badRequest("Object 'Kind' is missing in protobuf body");
    }
    if (envelope.apiVersion().isEmpty()) {
      throw ApiException.badRequest("Object 'apiVersion' is missing in protobuf body");
    }
    Descriptor descriptor = ProtobufKinds.descriptor(envelope.apiVersion(), envelope.kind())
        .orElseThrow(() -> ApiException.unsupportedMediaType(MEDIA_TYPE + " for "
            + envelope.apiVersion() + " " + envelope.kind()
            + ", which this server reads only as JSON or YAML"));
    DynamicMessage message;
    try {
      message = DynamicMessage.parseFrom(descriptor, envelope.raw());
    } catch (InvalidProtocolBufferException e) {
      throw ApiException.badRequest("malformed protobuf " + envelope.apiVersion() + " "
          + envelope.kind() + ": " + e.getMessage());
    }
    ObjectNode out = Json.object();
    out.put("apiVersion", envelope.apiVersion());
    out.put("kind", envelope.kind());
    out.setAll(new MessageJson(envelope.apiVersion() + " " + envelope.kind()).object(message, ""));
    return out;
  }

  private record Envelope(String apiVersion, String kind, byte[] raw) {}

  private static Envelope readEnvelope(byte[] body) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length);
      String apiVersion = "";
      String kind = "";
      byte[] raw = new byte[0];
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (isBytesField(tag, 1)) {
          CodedInputStream typeMeta = CodedInputStream.newInstance(in.readByteArray());
          for (int t = typeMeta.readTag(); t != 0; t = typeMeta.readTag()) {
            if (isBytesField(t, 1)) {
              apiVersion = typeMeta.readStringRequireUtf8();
            } else if (isBytesField(t, 2)) {
              kind = typeMeta.readStringRequireUtf8();
            } else {
              typeMeta.skipField(t);
            }
          }
        } else if (isBytesField(tag, 2)) {
          raw = in.readByteArray();
        } else {
          in.skipField(tag);
        }
      }
      return new Envelope(apiVersion, kind, raw);
    } catch (IOException e) {
      throw ApiException.badRequest("malformed protobuf envelope: " + e.getMessage());
    }
  }

  private static boolean isBytesField(int tag, int number) {
    return WireFormat.getTagFieldNumber(tag) == number
        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }
}
