package io.capstan.apiserver.resources.core;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class ServiceStrategyTest {

  final ResourceStrategy main = Strategies.mainFor("", "Service");
  final ResourceStrategy status = Strategies.statusFor("", "Service").orElseThrow();

  static ObjectNode web() {
    return yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: t}
        spec:
          selector: {app: web}
          ports: [{port: 80}]
        """);
  }

  static ObjectNode spec(ObjectNode s) {
    return (ObjectNode) s.get("spec");
  }

  static ObjectNode port(ObjectNode s, int i) {
    return (ObjectNode) s.at("/spec/ports/" + i);
  }

  @Test
  void defaultsAClusterIpService() {
    ObjectNode svc = web();
    assertThat(create("", "Service", true, svc)).isEmpty();
    JsonNode spec = svc.get("spec");
    assertThat(spec.get("type").asString()).isEqualTo("ClusterIP");
    assertThat(spec.get("sessionAffinity").asString()).isEqualTo("None");
    assertThat(spec.at("/ports/0/protocol").asString()).isEqualTo("TCP");
    assertThat(spec.at("/ports/0/targetPort").asInt()).isEqualTo(80);
    assertThat(spec.get("internalTrafficPolicy").asString()).isEqualTo("Cluster");
    assertThat(spec.get("ipFamilyPolicy").asString()).isEqualTo("SingleStack");
    assertThat(spec.get("ipFamilies")).hasSize(1);
    assertThat(spec.at("/ipFamilies/0").asString()).isEqualTo("IPv4");
    assertThat(spec.has("externalTrafficPolicy")).isFalse();
    assertThat(svc.at("/status/loadBalancer").isObject()).isTrue();
  }

  @Test
  void defaultsNodePortAndLoadBalancerPolicies() {
    ObjectNode svc = web();
    spec(svc).put("type", "LoadBalancer").put("clusterIP", "fd00::10");
    assertThat(messages(create("", "Service", true, svc))).isEmpty();
    JsonNode spec = svc.get("spec");
    assertThat(spec.get("externalTrafficPolicy").asString()).isEqualTo("Cluster");
    assertThat(spec.get("allocateLoadBalancerNodePorts").asBoolean()).isTrue();
    assertThat(spec.at("/clusterIPs/0").asString()).isEqualTo("fd00::10");
    assertThat(spec.at("/ipFamilies/0").asString()).isEqualTo("IPv6");
  }

  @Test
  void externalNameServicesGetNoIpFields() {
    ObjectNode svc = yaml("""
        {apiVersion: v1, kind: Service, metadata: {name: db, namespace: t},
         spec: {type: ExternalName, externalName: db.example.com.}}
        """);
    assertThat(messages(create("", "Service", true, svc))).isEmpty();
    assertThat(svc.get("spec").has("ipFamilies")).isFalse();
    assertThat(svc.get("spec").has("internalTrafficPolicy")).isFalse();
  }

  record Case(String name, Consumer<ObjectNode> change, String field, Type type, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> invalid() {
    return Stream.of(
        new Case("no ports", s -> spec(s).putArray("ports"), "spec.ports", Type.REQUIRED, ""),
        new Case("unnamed ports when several", s -> ((ArrayNode) s.at("/spec/ports")).addObject()
            .put("port", 443), "spec.ports[0].name", Type.REQUIRED, ""),
        new Case("duplicate port names", s -> {
          port(s, 0).put("name", "web");
          ((ArrayNode) s.at("/spec/ports")).addObject().put("name", "web").put("port", 443);
        }, "spec.ports[1].name", Type.DUPLICATE, ""),
        new Case("port out of range", s -> port(s, 0).put("port", 0), "spec.ports[0].port",
            Type.INVALID, "must be between 1 and 65535, inclusive"),
        new Case("node port syntax", s -> {
          spec(s).put("type", "NodePort");
          port(s, 0).put("nodePort", 70000);
        }, "spec.ports[0].nodePort", Type.INVALID, "must be between 1 and 65535, inclusive"),
        new Case("node port on ClusterIP", s -> port(s, 0).put("nodePort", 30080),
            "spec.ports[0].nodePort", Type.FORBIDDEN, "may not be used when `type` is 'ClusterIP'"),
        new Case("unknown type", s -> spec(s).put("type", "Magic"), "spec.type",
            Type.NOT_SUPPORTED, "supported values: \"ClusterIP\", \"ExternalName\","
            + " \"LoadBalancer\", \"NodePort\""),
        new Case("bad selector", s -> ((ObjectNode) spec(s).get("selector")).put("app", "we b"),
            "spec.selector", Type.INVALID, "a valid label must be an empty string"),
        new Case("named target port invalid", s -> port(s, 0).put("targetPort", "http_alt"),
            "spec.ports[0].targetPort", Type.INVALID, "must contain only alpha-numeric"),
        new Case("bad cluster IP", s -> spec(s).put("clusterIP", "10.0.0.999"),
            "spec.clusterIPs[0]", Type.INVALID, "must be a valid IP address"),
        new Case("headless NodePort", s -> spec(s).put("type", "NodePort").put("clusterIP", "None"),
            "spec.clusterIPs[0]", Type.INVALID, "may not be set to 'None' for NodePort services"),
        new Case("external name without name", s -> spec(s).put("type", "ExternalName"),
            "spec.externalName", Type.REQUIRED, ""),
        new Case("loopback external IP", s -> spec(s).putArray("externalIPs").add("127.0.0.1"),
            "spec.externalIPs[0]", Type.INVALID, "may not be in the loopback range"),
        new Case("client IP affinity timeout", s -> spec(s).put("sessionAffinity", "ClientIP")
            .putObject("sessionAffinityConfig").putObject("clientIP").put("timeoutSeconds", 0),
            "spec.sessionAffinityConfig.clientIP.timeoutSeconds", Type.INVALID,
            "must be greater than 0 and less than 86400"),
        new Case("service name must start with a letter",
            s -> ((ObjectNode) s.get("metadata")).put("name", "1web"), "metadata.name",
            Type.INVALID, "a DNS-1035 label must consist of"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejects(Case c) {
    ObjectNode svc = web();
    c.change().accept(svc);
    assertOneError(create("", "Service", true, svc), c.field(), c.type(), c.detail());
  }

  ObjectNode stored(String type) {
    ObjectNode svc = web();
    spec(svc).put("type", type).put("clusterIP", "10.96.0.10");
    if (!type.equals("ClusterIP")) {
      port(svc, 0).put("nodePort", 30080);
    }
    assertThat(messages(create("", "Service", true, svc))).isEmpty();
    ((ObjectNode) svc.get("metadata")).put("uid", "u").put("resourceVersion", "4");
    return svc;
  }

  @Test
  void updateWithoutAllocatedValuesKeepsThem() {
    ObjectNode old = stored("NodePort");
    ObjectNode svc = web();
    svc.set("metadata", old.get("metadata").deepCopy());
    spec(svc).put("type", "NodePort");
    assertThat(messages(update(main, svc, old))).isEmpty();
    assertThat(svc.at("/spec/clusterIP").asString()).isEqualTo("10.96.0.10");
    assertThat(svc.at("/spec/clusterIPs/0").asString()).isEqualTo("10.96.0.10");
    assertThat(svc.at("/spec/ports/0/nodePort").asInt()).isEqualTo(30080);
  }

  @Test
  void clusterIpMayNotChange() {
    ObjectNode old = stored("ClusterIP");
    ObjectNode svc = old.deepCopy();
    spec(svc).put("clusterIP", "10.96.0.11");
    assertOneError(update(main, svc, old), "spec.clusterIPs[0]", Type.INVALID,
        "may not change once set");
  }

  @Test
  void switchingToExternalNameDropsClusterIpAndNodePorts() {
    ObjectNode old = stored("NodePort");
    ObjectNode svc = old.deepCopy();
    spec(svc).put("type", "ExternalName").put("externalName", "db.example.com");
    assertThat(messages(update(main, svc, old))).isEmpty();
    JsonNode spec = svc.get("spec");
    assertThat(spec.has("clusterIP")).isFalse();
    assertThat(spec.has("clusterIPs")).isFalse();
    assertThat(spec.has("ipFamilies")).isFalse();
    assertThat(spec.has("ipFamilyPolicy")).isFalse();
    assertThat(spec.has("externalTrafficPolicy")).isFalse();
    assertThat(spec.at("/ports/0").has("nodePort")).isFalse();
  }

  @Test
  void mainUpdateKeepsStatusAndStatusUpdateKeepsSpec() {
    ObjectNode old = stored("LoadBalancer");
    ObjectNode svc = old.deepCopy();
    ((ObjectNode) svc.get("status")).putObject("loadBalancer").putArray("ingress").addObject()
        .put("ip", "192.0.2.10");
    assertThat(update(main, svc, old)).isEmpty();
    assertThat(svc.at("/status/loadBalancer/ingress").isMissingNode()).isTrue();

    ObjectNode withStatus = old.deepCopy();
    spec(withStatus).put("type", "ClusterIP");
    ((ObjectNode) withStatus.get("status")).putObject("loadBalancer").putArray("ingress")
        .addObject().put("ip", "192.0.2.10");
    assertThat(messages(update(status, withStatus, old))).isEmpty();
    assertThat(withStatus.at("/spec/type").asString()).isEqualTo("LoadBalancer");
    assertThat(withStatus.at("/status/loadBalancer/ingress/0/ipMode").asString()).isEqualTo("VIP");
  }

  @Test
  void loadBalancerIngressOnlyForLoadBalancers() {
    ObjectNode old = stored("ClusterIP");
    ObjectNode svc = old.deepCopy();
    ((ObjectNode) svc.get("status")).putObject("loadBalancer").putArray("ingress").addObject()
        .put("hostname", "lb.example.com");
    assertOneError(update(status, svc, old), "status.loadBalancer.ingress", Type.FORBIDDEN,
        "may only be used when `spec.type` is 'LoadBalancer'");
  }
}
