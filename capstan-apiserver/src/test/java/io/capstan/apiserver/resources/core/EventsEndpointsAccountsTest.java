package io.capstan.apiserver.resources.core;

import static io.capstan.apiserver.resources.Fixtures.assertOneError;
import static io.capstan.apiserver.resources.Fixtures.create;
import static io.capstan.apiserver.resources.Fixtures.messages;
import static io.capstan.apiserver.resources.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.errors.FieldError.Type;
import io.capstan.apiserver.resources.Strategies;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class EventsEndpointsAccountsTest {

  static ObjectNode event() {
    return yaml("""
        apiVersion: v1
        kind: Event
        metadata: {name: web-5d4f8.17a3b2c1d2e3f4a5, namespace: t}
        involvedObject: {kind: ReplicaSet, namespace: t, name: web-5d4f8, uid: u-1,
                         apiVersion: apps/v1}
        reason: SuccessfulCreate
        message: "Created pod: web-5d4f8-abcde"
        source: {component: replicaset-controller}
        firstTimestamp: "2024-01-01T00:00:00Z"
        lastTimestamp: "2024-01-01T00:00:00Z"
        count: 1
        type: Normal
        """);
  }

  @Test
  void acceptsAControllerEventAndSelectsOnItsFields() {
    ObjectNode e = event();
    assertThat(messages(create("", "Event", true, e))).isEmpty();
    assertThat(Strategies.mainFor("", "Event").selectableFields(e))
        .containsEntry("involvedObject.kind", "ReplicaSet")
        .containsEntry("involvedObject.name", "web-5d4f8")
        .containsEntry("involvedObject.uid", "u-1")
        .containsEntry("involvedObject.fieldPath", "")
        .containsEntry("reason", "SuccessfulCreate")
        .containsEntry("source", "replicaset-controller")
        .containsEntry("reportingComponent", "")
        .containsEntry("type", "Normal");
  }

  record Case(String name, Consumer<ObjectNode> change, String field, Type type, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> invalidEvents() {
    return Stream.of(
        new Case("namespace mismatch", e -> ((ObjectNode) e.get("involvedObject"))
            .put("namespace", "other"), "involvedObject.namespace", Type.INVALID,
            "does not match event.namespace"),
        new Case("unknown type", e -> e.put("type", "Info"), "type", Type.INVALID,
            "has invalid value: Info"),
        new Case("new style event without reporting controller", e -> e
            .put("eventTime", "2024-01-01T00:00:00.000000Z").put("action", "Create")
            .put("reportingInstance", "kcm-1"), "reportingController", Type.REQUIRED, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidEvents")
  void rejectsEvents(Case c) {
    ObjectNode e = event();
    c.change().accept(e);
    assertOneError(create("", "Event", true, e), c.field(), c.type(), c.detail());
  }

  @Test
  void eventWithoutInvolvedObjectIsRequired() {
    ObjectNode e = event();
    e.remove("involvedObject");
    assertOneError(create("", "Event", true, e), "involvedObject", Type.REQUIRED, "");
  }

  static ObjectNode endpoints() {
    return yaml("""
        apiVersion: v1
        kind: Endpoints
        metadata: {name: web, namespace: t}
        subsets:
        - addresses: [{ip: 10.1.0.5, nodeName: node-1}]
          notReadyAddresses: [{ip: 10.1.0.6}]
          ports: [{port: 8080}]
        """);
  }

  @Test
  void defaultsEndpointPortProtocol() {
    ObjectNode ep = endpoints();
    assertThat(messages(create("", "Endpoints", true, ep))).isEmpty();
    assertThat(ep.at("/subsets/0/ports/0/protocol").asString()).isEqualTo("TCP");
  }

  static Stream<Case> invalidEndpoints() {
    return Stream.of(
        new Case("subset without addresses", e -> ((ObjectNode) e.at("/subsets/0"))
            .removeAll(), "subsets[0]", Type.REQUIRED,
            "must specify `addresses` or `notReadyAddresses`"),
        new Case("link-local address", e -> ((ObjectNode) e.at("/subsets/0/notReadyAddresses/0"))
            .put("ip", "169.254.169.254"), "subsets[0].notReadyAddresses[0].ip", Type.INVALID,
            "may not be in the link-local range"),
        new Case("unnamed ports", e -> ((tools.jackson.databind.node.ArrayNode) e
            .at("/subsets/0/ports")).addObject().put("port", 9090), "subsets[0].ports[0].name",
            Type.REQUIRED, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidEndpoints")
  void rejectsEndpoints(Case c) {
    ObjectNode ep = endpoints();
    c.change().accept(ep);
    assertOneError(create("", "Endpoints", true, ep), c.field(), c.type(), c.detail());
  }

  @Test
  void reportsANonAddressTwiceAsUpstreamDoes() {
    ObjectNode ep = endpoints();
    ((ObjectNode) ep.at("/subsets/0/addresses/0")).put("ip", "web-1");
    assertThat(messages(create("", "Endpoints", true, ep))).containsExactly(
        "subsets[0].addresses[0].ip: Invalid value: \"web-1\": must be a valid IP address, (e.g."
            + " 10.9.8.7 or 2001:db8::ffff)",
        "subsets[0].addresses[0].ip: Invalid value: \"web-1\": must be a valid IP address");
  }

  @Test
  void serviceAccountsOnlyCheckMetadata() {
    ObjectNode sa = yaml("{apiVersion: v1, kind: ServiceAccount, metadata: {name: build-bot,"
        + " namespace: t}, automountServiceAccountToken: false}");
    assertThat(create("", "ServiceAccount", true, sa)).isEmpty();
    ObjectNode bad = yaml("{apiVersion: v1, kind: ServiceAccount, metadata: {name: Bot}}");
    var errs = create("", "ServiceAccount", true, bad);
    assertOneError(errs, "metadata.name", Type.INVALID, "RFC 1123 subdomain");
    assertOneError(errs, "metadata.namespace", Type.REQUIRED, "");
  }
}
