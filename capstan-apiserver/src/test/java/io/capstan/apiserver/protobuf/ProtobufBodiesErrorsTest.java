package io.capstan.apiserver.protobuf;

import static io.capstan.apiserver.protobuf.ProtoBodies.body;
import static io.capstan.apiserver.protobuf.ProtoBodies.message;
import static io.capstan.apiserver.protobuf.ProtoBodies.withUnknownField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DynamicMessage;
import io.capstan.apiserver.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProtobufBodiesErrorsTest {

  record Case(String name, byte[] body, int code, String messagePart) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> refused() {
    DynamicMessage container = message(ProtobufBodiesTest.core("Container"), "name", "c");
    DynamicMessage podWithUnknownNested = message(ProtobufBodiesTest.core("Pod"),
        "spec", new Object[] {"containers", List.of(withUnknownField(container, 99))});
    return Stream.of(
        new Case("JSON sent as protobuf", "{\"kind\":\"Namespace\"}".getBytes(StandardCharsets.UTF_8),
            400, "does not appear to be a protobuf message"),
        new Case("magic only", new byte[] {'k', '8', 's', 0}, 400, "empty body"),
        new Case("truncated envelope", new byte[] {'k', '8', 's', 0, 0x0a, 0x20, 0x0a}, 400,
            "malformed protobuf envelope"),
        new Case("object bytes that are not a message",
            body("v1", "Namespace", new byte[] {0x0a, 0x7f, 0x01}), 400,
            "malformed protobuf v1 Namespace"),
        new Case("no kind", body("v1", "", new byte[0]), 400, "'Kind' is missing"),
        new Case("kind not read from protobuf", body("apps/v1", "StatefulSet", new byte[0]), 415,
            "apps/v1 StatefulSet"),
        new Case("unknown group", body("example.com/v1", "Widget", new byte[0]), 415,
            "example.com/v1 Widget"),
        new Case("unknown top-level field",
            body("v1", "Namespace", withUnknownField(message(ProtobufBodiesTest.core("Namespace")),
                42)), 415, "v1 Namespace with field(s) [42] of Namespace"),
        new Case("unknown nested field", body("v1", "Pod", podWithUnknownNested), 415,
            "field(s) [99] of Container at spec.containers[0]"),
        new Case("impossible int-or-string", body("v1", "Service",
            message(ProtobufBodiesTest.core("Service"), "spec", new Object[] {"ports",
                List.of(message(ProtobufBodiesTest.core("ServicePort"), "targetPort",
                    new Object[] {"type", 7L}))})), 400, "impossible IntOrString.Type 7"),
        new Case("managed fields that are not JSON", body("v1", "ConfigMap",
            message(ProtobufBodiesTest.core("ConfigMap"), "metadata", new Object[] {
                "managedFields", List.of(message(ProtobufBodiesTest.metaType("ManagedFieldsEntry"),
                    "fieldsV1", new Object[] {"Raw", com.google.protobuf.ByteString.copyFromUtf8("{")}))})),
            400, "does not hold JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusesWithAStatus(Case c) {
    assertThatThrownBy(() -> ProtobufBodies.decode(c.body()))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(c.code());
          assertThat(e.getMessage()).contains(c.messagePart());
        });
  }

  @Test
  void readsDeleteOptionsUnderEveryAcceptedGroupVersion() {
    byte[] raw = message(ProtobufBodiesTest.metaType("DeleteOptions"), "gracePeriodSeconds", 30L)
        .toByteArray();
    for (String apiVersion : List.of("v1", "apps/v1", "coordination.k8s.io/v1",
        "discovery.k8s.io/v1", "policy/v1", "meta.k8s.io/v1")) {
      assertThat(ProtobufBodies.decode(body(apiVersion, "DeleteOptions", raw)).path("gracePeriodSeconds")
          .asInt()).as(apiVersion).isEqualTo(30);
    }
  }
}
