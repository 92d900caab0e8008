package io.capstan.apiserver.resources.core;

import static io.capstan.apiserver.resources.Fixtures.assertOneError;
import static io.capstan.apiserver.resources.Fixtures.create;
import static io.capstan.apiserver.resources.Fixtures.messages;
import static io.capstan.apiserver.resources.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.errors.FieldError.Type;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class PodValidationTest {

  /** A pod whose {@code spec} is the given YAML (indented as the value of {@code spec:}). */
  static ObjectNode pod(String spec) {
    return yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: t}\nspec:\n"
        + spec.indent(2));
  }

  record Case(String name, String spec, String field, Type type, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String APP = "containers: [{name: app, image: nginx}]\n";

  static Stream<Case> invalid() {
    return Stream.of(
        new Case("no containers", "containers: []", "spec.containers", Type.REQUIRED, ""),
        new Case("duplicate container names",
            "containers: [{name: a, image: x}, {name: a, image: y}]",
            "spec.containers[1].name", Type.DUPLICATE, ""),
        new Case("init container named like a container",
            APP + "initContainers: [{name: app, image: busybox}]",
            "spec.initContainers[0].name", Type.DUPLICATE, ""),
        new Case("container name not a DNS label", "containers: [{name: App_1, image: x}]",
            "spec.containers[0].name", Type.INVALID, "a lowercase RFC 1123 label"),
        new Case("missing image", "containers: [{name: app}]", "spec.containers[0].image",
            Type.REQUIRED, ""),
        new Case("image with whitespace", "containers: [{name: app, image: 'nginx '}]",
            "spec.containers[0].image", Type.INVALID,
            "must not have leading or trailing whitespace"),
        new Case("port out of range",
            "containers: [{name: app, image: x, ports: [{containerPort: 70000}]}]",
            "spec.containers[0].ports[0].containerPort", Type.INVALID,
            "must be between 1 and 65535, inclusive"),
        new Case("unknown protocol",
            "containers: [{name: app, image: x, ports: [{containerPort: 80, protocol: HTTP}]}]",
            "spec.containers[0].ports[0].protocol", Type.NOT_SUPPORTED,
            "supported values: \"SCTP\", \"TCP\", \"UDP\""),
        new Case("duplicate port names", "containers: [{name: app, image: x, ports: ["
            + "{name: web, containerPort: 80}, {name: web, containerPort: 81}]}]",
            "spec.containers[0].ports[1].name", Type.DUPLICATE, ""),
        new Case("port name not an IANA name", "containers: [{name: app, image: x, ports: ["
            + "{name: Web_1, containerPort: 80}]}]", "spec.containers[0].ports[0].name",
            Type.INVALID, "must contain only alpha-numeric characters"),
        new Case("two env sources", "containers: [{name: app, image: x, env: [{name: A,"
            + " valueFrom: {fieldRef: {fieldPath: metadata.name},"
            + " configMapKeyRef: {name: c, key: k}}}]}]",
            "spec.containers[0].env[0].valueFrom", Type.INVALID,
            "may not have more than one field specified at a time"),
        new Case("value and valueFrom", "containers: [{name: app, image: x, env: [{name: A,"
            + " value: v, valueFrom: {secretKeyRef: {name: s, key: k}}}]}]",
            "spec.containers[0].env[0].valueFrom", Type.INVALID,
            "may not be specified when `value` is not empty"),
        new Case("unsupported downward field", "containers: [{name: app, image: x, env: [{name: A,"
            + " valueFrom: {fieldRef: {fieldPath: status.phase}}}]}]",
            "spec.containers[0].env[0].valueFrom.fieldRef.fieldPath", Type.NOT_SUPPORTED,
            "\"metadata.name\""),
        new Case("bad config key", "containers: [{name: app, image: x, env: [{name: A,"
            + " valueFrom: {configMapKeyRef: {name: cfg, key: 'my key'}}}]}]",
            "spec.containers[0].env[0].valueFrom.configMapKeyRef.key", Type.INVALID,
            "a valid config key must consist of"),
        new Case("env name with equals", "containers: [{name: app, image: x, env: [{name: 'A=B',"
            + " value: v}]}]", "spec.containers[0].env[0].name", Type.INVALID,
            "printable ASCII characters other than '='"),
        new Case("envFrom without source", "containers: [{name: app, image: x, envFrom: "
            + "[{prefix: P_}]}]", "spec.containers[0].envFrom", Type.INVALID,
            "must specify one of: `configMapRef` or `secretRef`"),
        new Case("duplicate volume names", APP + "volumes: [{name: v, emptyDir: {}},"
            + " {name: v, emptyDir: {}}]", "spec.volumes[1].name", Type.DUPLICATE, ""),
        new Case("two volume sources", APP + "volumes: [{name: v, emptyDir: {},"
            + " configMap: {name: c}}]", "spec.volumes[0].configMap", Type.FORBIDDEN,
            "may not specify more than 1 volume type"),
        new Case("configMap volume without name", APP + "volumes: [{name: v, configMap: {}}]",
            "spec.volumes[0].configMap.name", Type.REQUIRED, ""),
        new Case("file mode out of range", APP + "volumes: [{name: v, configMap: {name: c,"
            + " defaultMode: 1000}}]", "spec.volumes[0].configMap.defaultMode", Type.INVALID,
            "must be a number between 0 and 0777 (octal), both inclusive"),
        new Case("item path escaping", APP + "volumes: [{name: v, configMap: {name: c,"
            + " items: [{key: k, path: ../x}]}}]", "spec.volumes[0].configMap.items[0].path",
            Type.INVALID, "must not contain '..'"),
        new Case("mount of unknown volume", "containers: [{name: app, image: x, volumeMounts:"
            + " [{name: nope, mountPath: /data}]}]", "spec.containers[0].volumeMounts[0].name",
            Type.NOT_FOUND, ""),
        new Case("same mount path twice", "containers: [{name: app, image: x, volumeMounts:"
            + " [{name: v, mountPath: /d}, {name: v, mountPath: /d}]}]\n"
            + "volumes: [{name: v, emptyDir: {}}]", "spec.containers[0].volumeMounts[1].mountPath",
            Type.INVALID, "must be unique"),
        new Case("probe with two handlers", "containers: [{name: app, image: x, readinessProbe:"
            + " {tcpSocket: {port: 80}, exec: {command: [true]}}}]",
            "spec.containers[0].readinessProbe.tcpSocket", Type.FORBIDDEN,
            "may not specify more than 1 handler type"),
        new Case("probe without handler", "containers: [{name: app, image: x, livenessProbe:"
            + " {periodSeconds: 3}}]", "spec.containers[0].livenessProbe", Type.REQUIRED,
            "must specify a handler type"),
        new Case("startup probe success threshold", "containers: [{name: app, image: x,"
            + " startupProbe: {exec: {command: [true]}, successThreshold: 3}}]",
            "spec.containers[0].startupProbe.successThreshold", Type.INVALID, "must be 1"),
        new Case("init container with probe", APP + "initContainers: [{name: init, image: x,"
            + " livenessProbe: {exec: {command: [true]}}}]",
            "spec.initContainers[0].livenessProbe", Type.FORBIDDEN,
            "may not be set for init containers without restartPolicy=Always"),
        new Case("unknown restart policy", APP + "restartPolicy: Sometimes",
            "spec.restartPolicy", Type.NOT_SUPPORTED,
            "supported values: \"Always\", \"OnFailure\", \"Never\""),
        new Case("unknown dns policy", APP + "dnsPolicy: Google", "spec.dnsPolicy",
            Type.NOT_SUPPORTED, "\"ClusterFirstWithHostNet\""),
        new Case("requests above limits", "containers: [{name: app, image: x, resources:"
            + " {requests: {memory: 128Mi}, limits: {memory: 64Mi}}}]",
            "spec.containers[0].resources.requests", Type.INVALID,
            "must be less than or equal to memory limit of 64Mi"),
        new Case("negative request", "containers: [{name: app, image: x, resources:"
            + " {requests: {cpu: '-1'}}}]", "spec.containers[0].resources.requests[cpu]",
            Type.INVALID, "must be greater than or equal to 0"),
        new Case("malformed quantity", "containers: [{name: app, image: x, resources:"
            + " {limits: {cpu: lots}}}]", "spec.containers[0].resources.limits[cpu]",
            Type.INVALID, "quantities must match the regular expression"),
        new Case("fractional extended resource", "containers: [{name: app, image: x,"
            + " resources: {limits: {example.com/gpu: '0.5'}}}]",
            "spec.containers[0].resources.limits[example.com/gpu]", Type.INVALID,
            "must be an integer"),
        new Case("bad node name", APP + "nodeName: Node_1", "spec.nodeName", Type.INVALID,
            "a lowercase RFC 1123 subdomain"),
        new Case("host network with different host port", "hostNetwork: true\ncontainers:"
            + " [{name: app, image: x, ports: [{containerPort: 80, hostPort: 8080}]}]",
            "spec.containers[0].ports[0].hostPort", Type.INVALID,
            "must match `containerPort` when `hostNetwork` is true"),
        new Case("toleration seconds without NoExecute", APP + "tolerations: [{key: k,"
            + " operator: Exists, effect: NoSchedule, tolerationSeconds: 5}]",
            "spec.tolerations[0].effect", Type.INVALID,
            "effect must be 'NoExecute' when `tolerationSeconds` is set"),
        new Case("toleration without key must be Exists", APP + "tolerations: [{operator: Equal,"
            + " value: v}]", "spec.tolerations[0].operator", Type.INVALID,
            "operator must be Exists when `key` is empty"),
        new Case("zero active deadline", APP + "activeDeadlineSeconds: 0",
            "spec.activeDeadlineSeconds", Type.INVALID, "must be between 1 and 2147483647, inclusive"),
        new Case("ephemeral containers on create", APP + "ephemeralContainers: [{name: dbg,"
            + " image: busybox}]", "spec.ephemeralContainers", Type.FORBIDDEN,
            "cannot be set on create"),
        new Case("bad node selector value", APP + "nodeSelector: {disk: '-ssd'}",
            "spec.nodeSelector", Type.INVALID, "a valid label must be an empty string"),
        new Case("node affinity without terms", APP + "affinity: {nodeAffinity:"
            + " {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: []}}}",
            "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                + ".nodeSelectorTerms", Type.REQUIRED, "must have at least one node selector term"),
        new Case("security context user out of range", "containers: [{name: app, image: x,"
            + " securityContext: {runAsUser: -1}}]",
            "spec.containers[0].securityContext.runAsUser", Type.INVALID,
            "must be between 0 and 4294967295, inclusive"),
        new Case("dns None without config", APP + "dnsPolicy: None", "spec.dnsConfig",
            Type.REQUIRED, "must provide `dnsConfig` when `dnsPolicy` is None"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejects(Case c) {
    ObjectNode pod = pod(c.spec());
    assertOneError(create("", "Pod", true, pod), c.field(), c.type(), c.detail());
  }

  @Test
  void rejectsAnUnparsableDeletionCost() {
    ObjectNode pod = pod(APP);
    ((ObjectNode) pod.get("metadata")).putObject("annotations")
        .put("controller.kubernetes.io/pod-deletion-cost", "+10");
    assertOneError(create("", "Pod", true, pod),
        "metadata.annotations[controller.kubernetes.io/pod-deletion-cost]", Type.INVALID,
        "must be a 32bit integer");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void accepts(String name, String spec) {
    assertThat(messages(create("", "Pod", true, pod(spec)))).isEmpty();
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> valid() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("sidecar init container with probe",
            APP + "initContainers: [{name: side, image: x, restartPolicy: Always,"
                + " readinessProbe: {exec: {command: [true]}}}]"),
        org.junit.jupiter.params.provider.Arguments.of("env from relaxed names and downward api",
            "containers: [{name: app, image: x, env: [{name: '1st.value', value: v},"
                + " {name: POD, valueFrom: {fieldRef: {fieldPath: \"metadata.labels['app']\"}}},"
                + " {name: MEM, valueFrom: {resourceFieldRef: {resource: limits.memory,"
                + " divisor: 1Mi}}}], envFrom: [{prefix: P_, configMapRef: {name: cfg}}]}]"),
        org.junit.jupiter.params.provider.Arguments.of("projected volume",
            "containers: [{name: app, image: x, volumeMounts: [{name: all, mountPath: /all}]}]\n"
                + "volumes: [{name: all, projected: {sources: [{configMap: {name: c}},"
                + " {serviceAccountToken: {path: token}}, {downwardAPI: {items: [{path: name,"
                + " fieldRef: {fieldPath: metadata.name}}]}}]}}]"),
        org.junit.jupiter.params.provider.Arguments.of("host network pod",
            "hostNetwork: true\ncontainers: [{name: app, image: x, ports: [{containerPort: 80}]}]"),
        org.junit.jupiter.params.provider.Arguments.of("affinity and spread",
            APP + "affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution:"
                + " [{weight: 100, podAffinityTerm: {topologyKey: kubernetes.io/hostname,"
                + " labelSelector: {matchLabels: {app: web}}}}]}}\n"
                + "topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone,"
                + " whenUnsatisfiable: ScheduleAnyway}]"),
        org.junit.jupiter.params.provider.Arguments.of("named priority class",
            APP + "priorityClassName: high"));
  }
}
