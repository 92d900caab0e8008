package io.capstan.apiserver.protobuf;

import static io.capstan.apiserver.protobuf.ProtoBodies.body;
import static io.capstan.apiserver.protobuf.ProtoBodies.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.capstan.apiserver.json.Json;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Discovery;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies built from the same descriptors, one per construct the JSON form treats specially. */
class ProtobufBodiesTest {

  record Case(String name, byte[] body, String json) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Object[] EMPTY_TIME = {};

  static Stream<Case> bodies() {
    return Stream.of(
        new Case("namespace keeps labels and drops zero value fields", body("v1", "Namespace",
            message(core("Namespace"),
                "metadata", fields("name", "demo", "generateName", "", "generation", 0L,
                    "creationTimestamp", EMPTY_TIME, "labels", Map.of("team", "a")),
                "spec", new Object[] {"finalizers", List.of("kubernetes")})),
            """
            {"apiVersion": "v1", "kind": "Namespace",
             "metadata": {"name": "demo", "creationTimestamp": null, "labels": {"team": "a"}},
             "spec": {"finalizers": ["kubernetes"]}}"""),
        new Case("configmap with data, binaryData and immutable false", body("v1", "ConfigMap",
            message(core("ConfigMap"),
                "metadata", fields("name", "cm", "namespace", "default"),
                "data", Map.of("b", "2", "a", ""),
                "binaryData", Map.of("bin", ByteString.copyFrom(new byte[] {0, 1, (byte) 0xff})),
                "immutable", false)),
            """
            {"apiVersion": "v1", "kind": "ConfigMap",
             "metadata": {"name": "cm", "namespace": "default"},
             "data": {"a": "", "b": "2"}, "binaryData": {"bin": "AAH/"}, "immutable": false}"""),
        new Case("secret data is base64", body("v1", "Secret",
            message(core("Secret"),
                "metadata", fields("name", "s"),
                "data", Map.of("password", ByteString.copyFromUtf8("hunter2")),
                "type", "Opaque")),
            """
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
             "data": {"password": "aHVudGVyMg=="}, "type": "Opaque"}"""),
        new Case("deployment with quantities, int-or-strings and a timestamp",
            body("apps/v1", "Deployment", message(apps("Deployment"), deployment())), """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "web", "creationTimestamp": "2026-01-02T03:04:05Z"},
             "spec": {
               "replicas": 3,
               "selector": {"matchLabels": {"app": "web"}},
               "template": {
                 "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                 "spec": {"containers": [{
                   "name": "nginx", "image": "nginx:1.27",
                   "ports": [{"containerPort": 80, "protocol": "TCP"}],
                   "env": [{"name": "MODE", "value": "prod"}, {"name": "EMPTY"}],
                   "resources": {"limits": {"memory": "128Mi"},
                                 "requests": {"cpu": "250m", "memory": "64Mi"}}}]}},
               "strategy": {"type": "RollingUpdate",
                            "rollingUpdate": {"maxUnavailable": 1, "maxSurge": "25%"}}},
             "status": {}}"""),
        new Case("service with a named target port", body("v1", "Service",
            message(core("Service"),
                "metadata", fields("name", "web"),
                "spec", new Object[] {
                    "ports", messages(new Object[] {"name", "http", "protocol", "TCP", "port", 80,
                        "targetPort", intOrString("http"), "nodePort", 0}),
                    "selector", Map.of("app", "web"), "type", "ClusterIP",
                    "publishNotReadyAddresses", false, "allocateLoadBalancerNodePorts", false},
                "status", new Object[] {"loadBalancer", new Object[] {}})),
            """
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
             "spec": {"ports": [{"name": "http", "protocol": "TCP", "port": 80,
                                 "targetPort": "http"}],
                      "selector": {"app": "web"}, "type": "ClusterIP",
                      "allocateLoadBalancerNodePorts": false},
             "status": {"loadBalancer": {}}}"""),
        new Case("delete options with a zero grace period", body("v1", "DeleteOptions",
            message(metaType("DeleteOptions"),
                "gracePeriodSeconds", 0L, "propagationPolicy", "Foreground",
                "preconditions", new Object[] {"uid", "1234"}, "dryRun", List.of("All"))),
            """
            {"apiVersion": "v1", "kind": "DeleteOptions", "gracePeriodSeconds": 0,
             "preconditions": {"uid": "1234"}, "propagationPolicy": "Foreground",
             "dryRun": ["All"]}"""),
        new Case("pod with inline probe handler and volume source", body("v1", "Pod", message(core("Pod"), pod())),
            """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
             "spec": {
               "volumes": [{"name": "cfg", "configMap": {"name": "cm", "defaultMode": 420}}],
               "containers": [{"name": "c", "image": "busybox",
                 "resources": {},
                 "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080},
                                   "periodSeconds": 5},
                 "securityContext": {"runAsUser": 0, "privileged": false}}],
               "terminationGracePeriodSeconds": 0,
               "automountServiceAccountToken": false}}"""),
        new Case("lease with micro times", body("coordination.k8s.io/v1", "Lease",
            message(type(V1Coordination.getDescriptor(), "Lease"),
                "metadata", fields("name", "node-a", "namespace", "kube-node-lease"),
                "spec", new Object[] {"holderIdentity", "node-a", "leaseDurationSeconds", 40,
                    "renewTime", new Object[] {"seconds", 1767323045L, "nanos", 123456789},
                    "leaseTransitions", 0})),
            """
            {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
             "metadata": {"name": "node-a", "namespace": "kube-node-lease"},
             "spec": {"holderIdentity": "node-a", "leaseDurationSeconds": 40,
                      "renewTime": "2026-01-02T03:04:05.123456Z", "leaseTransitions": 0}}"""),
        new Case("endpoint slice with false conditions and an unnamed port",
            body("discovery.k8s.io/v1", "EndpointSlice",
                message(type(V1Discovery.getDescriptor(), "EndpointSlice"),
                    "metadata", fields("name", "web-abc"),
                    "addressType", "IPv4",
                    "endpoints", messages(new Object[] {"addresses", List.of("10.0.0.1"),
                        "conditions", new Object[] {"ready", false, "serving", true}}),
                    "ports", messages(new Object[] {"name", "", "port", 80}))),
            """
            {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
             "metadata": {"name": "web-abc"},
             "addressType": "IPv4",
             "endpoints": [{"addresses": ["10.0.0.1"],
                            "conditions": {"ready": false, "serving": true}}],
             "ports": [{"name": "", "port": 80}]}"""),
        new Case("managed fields keep their JSON", body("v1", "ConfigMap",
            message(core("ConfigMap"), "metadata", fields("name", "cm",
                "managedFields", messages(new Object[] {"manager", "kubectl", "operation", "Update",
                    "time", new Object[] {"seconds", 0L, "nanos", 0}, "fieldsType", "FieldsV1",
                    "fieldsV1", new Object[] {"Raw", ByteString.copyFromUtf8("{\"f:data\":{}}")}})))),
            """
            {"apiVersion": "v1", "kind": "ConfigMap",
             "metadata": {"name": "cm", "managedFields": [{"manager": "kubectl",
               "operation": "Update", "time": "1970-01-01T00:00:00Z", "fieldsType": "FieldsV1",
               "fieldsV1": {"f:data": {}}}]}}"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void decodesToTheJsonTree(Case c) {
    assertThat(ProtobufBodies.decode(c.body())).isEqualTo(Json.MAPPER.readTree(c.json()));
  }

  private static Object[] deployment() {
    return new Object[] {
        "metadata", fields("name", "web",
            "creationTimestamp", new Object[] {"seconds", 1767323045L, "nanos", 0}),
        "spec", new Object[] {
            "replicas", 3,
            "selector", new Object[] {"matchLabels", Map.of("app", "web")},
            "template", new Object[] {
                "metadata", fields("creationTimestamp", EMPTY_TIME, "labels", Map.of("app", "web")),
                "spec", new Object[] {"containers", messages(new Object[] {
                    "name", "nginx", "image", "nginx:1.27", "stdin", false,
                    "ports", messages(new Object[] {"containerPort", 80, "protocol", "TCP",
                        "hostPort", 0}),
                    "env", messages(new Object[] {"name", "MODE", "value", "prod"},
                        new Object[] {"name", "EMPTY", "value", ""}),
                    "resources", new Object[] {
                        "limits", Map.of("memory", quantity("128Mi")),
                        "requests", Map.of("cpu", quantity("250m"), "memory", quantity("64Mi"))}})}},
            "strategy", new Object[] {"type", "RollingUpdate",
                "rollingUpdate", new Object[] {"maxUnavailable", intOrString(1),
                    "maxSurge", intOrString("25%")}},
            "minReadySeconds", 0, "paused", false},
        "status", new Object[] {"replicas", 0, "observedGeneration", 0L}};
  }

  private static Object[] pod() {
    return new Object[] {
        "metadata", fields("name", "p"),
        "spec", new Object[] {
            "volumes", messages(new Object[] {"name", "cfg", "volumeSource", new Object[] {
                "configMap", new Object[] {"localObjectReference", new Object[] {"name", "cm"},
                    "defaultMode", 420}}}),
            "containers", messages(new Object[] {"name", "c", "image", "busybox",
                "resources", new Object[] {},
                "livenessProbe", new Object[] {"handler", new Object[] {"httpGet", new Object[] {
                    "path", "/healthz", "port", intOrString(8080)}},
                    "periodSeconds", 5, "initialDelaySeconds", 0},
                "securityContext", new Object[] {"runAsUser", 0L, "privileged", false}}),
            "terminationGracePeriodSeconds", 0L,
            "automountServiceAccountToken", false,
            "hostNetwork", false}};
  }

  static Descriptor core(String name) {
    return type(V1.getDescriptor(), name);
  }

  static Descriptor metaType(String name) {
    return type(Meta.getDescriptor(), name);
  }

  static Descriptor apps(String name) {
    return type(V1Apps.getDescriptor(), name);
  }

  private static Descriptor type(FileDescriptor file, String name) {
    return file.findMessageTypeByName(name);
  }

  private static Object[] fields(Object... pairs) {
    return pairs;
  }

  /** A repeated message field; {@code List.of} would spread a single {@code Object[]}. */
  private static List<Object[]> messages(Object[]... elements) {
    return List.of(elements);
  }

  private static Object[] quantity(String value) {
    return new Object[] {"string", value};
  }

  private static Object[] intOrString(int value) {
    return new Object[] {"type", 0L, "intVal", value, "strVal", ""};
  }

  private static Object[] intOrString(String value) {
    return new Object[] {"type", 1L, "intVal", 0, "strVal", value};
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
