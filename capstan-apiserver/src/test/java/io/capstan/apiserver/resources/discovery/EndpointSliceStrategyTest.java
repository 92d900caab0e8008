package io.capstan.apiserver.resources.discovery;

import static io.capstan.apiserver.resources.Fixtures.assertOneError;
import static io.capstan.apiserver.resources.Fixtures.create;
import static io.capstan.apiserver.resources.Fixtures.messages;
import static io.capstan.apiserver.resources.Fixtures.update;
import static io.capstan.apiserver.resources.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.errors.FieldError.Type;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.Strategies;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class EndpointSliceStrategyTest {

  static final String GROUP = "discovery.k8s.io";

  static ObjectNode slice() {
    return yaml("""
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: {name: web-abc12, namespace: t, labels: {kubernetes.io/service-name: web}}
        addressType: IPv4
        endpoints:
        - addresses: [10.1.0.5]
          conditions: {ready: true, serving: true, terminating: false}
          nodeName: node-1
        ports: [{port: 8080}]
        """);
  }

  @Test
  void defaultsPortNameAndProtocolAndStartsAtGenerationOne() {
    ObjectNode s = slice();
    assertThat(create(GROUP, "EndpointSlice", true, s)).isEmpty();
    assertThat(s.at("/ports/0/name").asString()).isEmpty();
    assertThat(s.at("/ports/0/protocol").asString()).isEqualTo("TCP");
    assertThat(s.at("/metadata/generation").asLong()).isEqualTo(1);
  }

  record Case(String name, Consumer<ObjectNode> change, String field, Type type, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> invalid() {
    return Stream.of(
        new Case("unknown address type", s -> s.put("addressType", "IP"), "addressType",
            Type.NOT_SUPPORTED, "supported values: \"FQDN\", \"IPv4\", \"IPv6\""),
        new Case("IPv6 address in IPv4 slice", s -> ((ArrayNode) s.at("/endpoints/0/addresses"))
            .set(0, "fd00::5"), "endpoints[0].addresses[0]", Type.INVALID,
            "must be a valid IPv4 address"),
        new Case("endpoint without addresses", s -> ((ArrayNode) s.at("/endpoints/0/addresses"))
            .removeAll(), "endpoints[0].addresses", Type.REQUIRED, "must contain at least 1 address"),
        new Case("FQDN with one label", s -> {
          s.put("addressType", "FQDN");
          ((ArrayNode) s.at("/endpoints/0/addresses")).set(0, "localhost");
        }, "endpoints[0].addresses[0]", Type.INVALID,
            "should be a domain with at least two segments separated by dots"),
        new Case("too many endpoints", s -> {
          ArrayNode endpoints = (ArrayNode) s.get("endpoints");
          for (int i = 0; i < 1000; i++) {
            endpoints.add(endpoints.get(0).deepCopy());
          }
        }, "endpoints", Type.TOO_MANY, "must have at most 1000 items"),
        new Case("duplicate port names", s -> ((ArrayNode) s.get("ports")).addObject()
            .put("port", 9090), "ports[1].name", Type.DUPLICATE, ""),
        new Case("unknown protocol", s -> ((ObjectNode) s.at("/ports/0")).put("protocol", "QUIC"),
            "ports[0].protocol", Type.NOT_SUPPORTED, "\"SCTP\", \"TCP\", \"UDP\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejects(Case c) {
    ObjectNode s = slice();
    c.change().accept(s);
    assertOneError(create(GROUP, "EndpointSlice", true, s), c.field(), c.type(), c.detail());
  }

  @Test
  void addressTypeIsImmutableAndChangesBumpGeneration() {
    ResourceStrategy main = Strategies.mainFor(GROUP, "EndpointSlice");
    ObjectNode old = slice();
    create(GROUP, "EndpointSlice", true, old);
    ((ObjectNode) old.get("metadata")).put("uid", "u").put("resourceVersion", "1");

    ObjectNode same = old.deepCopy();
    ((ObjectNode) same.get("metadata")).putObject("annotations").put("a", "b");
    assertThat(update(main, same, old)).isEmpty();
    assertThat(same.at("/metadata/generation").asLong()).isEqualTo(1);

    ObjectNode changed = old.deepCopy();
    ((ObjectNode) changed.at("/endpoints/0/conditions")).put("ready", false);
    assertThat(messages(update(main, changed, old))).isEmpty();
    assertThat(changed.at("/metadata/generation").asLong()).isEqualTo(2);

    ObjectNode retyped = old.deepCopy();
    retyped.put("addressType", "IPv6");
    ((ArrayNode) retyped.at("/endpoints/0/addresses")).set(0, "fd00::5");
    assertOneError(update(main, retyped, old), "addressType", Type.INVALID, "field is immutable");
  }
}
