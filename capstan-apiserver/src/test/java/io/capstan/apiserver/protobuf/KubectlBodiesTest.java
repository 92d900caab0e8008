package io.capstan.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Bodies recorded from kubectl v1.32.4 ({@code kubectl create ...} against a server that only
 * recorded the request), each next to what {@code kubectl create ... --dry-run=client -o json}
 * printed for the same object, that is Go's own JSON encoding of it.
 */
class KubectlBodiesTest {

  record Case(String name, String command) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> recorded() {
    return Stream.of(
        new Case("namespace", "kubectl create namespace demo"),
        new Case("configmap", "kubectl create configmap demo --from-literal=a=b"),
        new Case("secret", "kubectl create secret generic s1 --from-literal=k=v"),
        new Case("deployment", "kubectl create deployment web --image=nginx --port=80 --replicas=0"),
        new Case("service", "kubectl create service clusterip svc1 --tcp=80:8080"),
        new Case("serviceaccount", "kubectl create serviceaccount sa1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recorded")
  void decodesLikeGoEncodesJson(Case c) throws IOException {
    byte[] body = ProtoBodies.hex(resource(c.name() + ".hex"));
    JsonNode expected = Json.MAPPER.readTree(resource(c.name() + ".json"));

    assertThat(ProtobufBodies.decode(body)).as(c.command()).isEqualTo(expected);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = KubectlBodiesTest.class.getResourceAsStream(
        "/protobuf/kubectl-1.32/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
