package io.capstan.apiserver.openapi;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A schema-less protobuf reader for tests: a message is a list of (field number, value) pairs,
 * where length-delimited values stay bytes until read as a string or a nested message.
 */
record ProtoMessage(List<Field> fields) {

  record Field(int number, int wireType, long varint, byte[] bytes) {}

  static ProtoMessage parse(byte[] bytes) {
    var fields = new ArrayList<Field>();
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        int number = WireFormat.getTagFieldNumber(tag);
        int wire = WireFormat.getTagWireType(tag);
        switch (wire) {
          case WireFormat.WIRETYPE_VARINT -> fields.add(
              new Field(number, wire, in.readRawVarint64(), null));
          case WireFormat.WIRETYPE_LENGTH_DELIMITED -> fields.add(
              new Field(number, wire, 0, in.readByteArray()));
          case WireFormat.WIRETYPE_FIXED64 -> fields.add(
              new Field(number, wire, in.readRawLittleEndian64(), null));
          case WireFormat.WIRETYPE_FIXED32 -> fields.add(
              new Field(number, wire, in.readRawLittleEndian32(), null));
          default -> throw new IllegalStateException("unexpected wire type " + wire);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ProtoMessage(fields);
  }

  List<Integer> numbers() {
    return fields.stream().map(Field::number).toList();
  }

  List<byte[]> raw(int number) {
    return fields.stream().filter(f -> f.number() == number).map(f -> {
      if (f.wireType() != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        throw new AssertionError("field " + number + " is not length-delimited");
      }
      return f.bytes();
    }).toList();
  }

  List<String> strings(int number) {
    return raw(number).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  String string(int number) {
    List<String> all = strings(number);
    return all.isEmpty() ? "" : all.getLast();
  }

  List<ProtoMessage> messages(int number) {
    return raw(number).stream().map(ProtoMessage::parse).toList();
  }

  Optional<ProtoMessage> message(int number) {
    List<ProtoMessage> all = messages(number);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
  }

  boolean bool(int number) {
    return fields.stream().filter(f -> f.number() == number)
        .anyMatch(f -> f.wireType() == WireFormat.WIRETYPE_VARINT && f.varint() != 0);
  }

  /** The value of the {@code Named*} entry called {@code name} in repeated field {@code number}. */
  Optional<ProtoMessage> named(int number, String name) {
    return messages(number).stream().filter(m -> m.string(1).equals(name)).findFirst()
        .flatMap(m -> m.message(2));
  }
}
