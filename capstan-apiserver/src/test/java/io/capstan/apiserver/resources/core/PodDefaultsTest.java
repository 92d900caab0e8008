package io.capstan.apiserver.resources.core;

import static io.capstan.apiserver.resources.Fixtures.create;
import static io.capstan.apiserver.resources.Fixtures.messages;
import static io.capstan.apiserver.resources.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PodDefaultsTest {

  static ObjectNode pod(String containersYaml) {
    return yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: t}
        spec:
          containers:
        """ + containersYaml.indent(4));
  }

  @Test
  void fillsPodSpecContainerProbeAndVolumeDefaults() {
    ObjectNode pod = yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: t}
        spec:
          volumes:
          - name: cfg
            configMap: {name: cfg}
          - name: sec
            secret: {secretName: s}
          - name: scratch
          - name: info
            downwardAPI:
              items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]
          containers:
          - name: app
            image: nginx
            ports: [{containerPort: 80}]
            env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
            livenessProbe: {httpGet: {port: 80}}
            readinessProbe: {tcpSocket: {port: 80}, periodSeconds: 5}
            volumeMounts: [{name: cfg, mountPath: /etc/cfg}]
        """);
    assertThat(messages(create("", "Pod", true, pod))).isEmpty();
    JsonNode spec = pod.get("spec");
    assertThat(spec.get("restartPolicy").asString()).isEqualTo("Always");
    assertThat(spec.get("terminationGracePeriodSeconds").asInt()).isEqualTo(30);
    assertThat(spec.get("dnsPolicy").asString()).isEqualTo("ClusterFirst");
    assertThat(spec.get("schedulerName").asString()).isEqualTo("default-scheduler");
    assertThat(spec.get("securityContext").isEmpty()).isTrue();
    assertThat(spec.get("enableServiceLinks").asBoolean()).isTrue();
    assertThat(spec.get("serviceAccountName").asString()).isEqualTo("default");
    assertThat(spec.get("serviceAccount").asString()).isEqualTo("default");
    assertThat(spec.get("priority").asInt()).isZero();
    assertThat(spec.get("preemptionPolicy").asString()).isEqualTo("PreemptLowerPriority");
    JsonNode c = spec.at("/containers/0");
    assertThat(c.get("imagePullPolicy").asString()).isEqualTo("Always");
    assertThat(c.get("terminationMessagePath").asString()).isEqualTo("/dev/termination-log");
    assertThat(c.get("terminationMessagePolicy").asString()).isEqualTo("File");
    assertThat(c.at("/ports/0/protocol").asString()).isEqualTo("TCP");
    assertThat(c.at("/env/0/valueFrom/fieldRef/apiVersion").asString()).isEqualTo("v1");
    JsonNode liveness = c.get("livenessProbe");
    assertThat(liveness.get("timeoutSeconds").asInt()).isEqualTo(1);
    assertThat(liveness.get("periodSeconds").asInt()).isEqualTo(10);
    assertThat(liveness.get("successThreshold").asInt()).isEqualTo(1);
    assertThat(liveness.get("failureThreshold").asInt()).isEqualTo(3);
    assertThat(liveness.at("/httpGet/scheme").asString()).isEqualTo("HTTP");
    assertThat(liveness.at("/httpGet/path").asString()).isEqualTo("/");
    assertThat(c.at("/readinessProbe/periodSeconds").asInt()).isEqualTo(5);
    assertThat(spec.at("/volumes/0/configMap/defaultMode").asInt()).isEqualTo(420);
    assertThat(spec.at("/volumes/1/secret/defaultMode").asInt()).isEqualTo(420);
    assertThat(spec.at("/volumes/2/emptyDir").isObject()).isTrue();
    assertThat(spec.at("/volumes/3/downwardAPI/defaultMode").asInt()).isEqualTo(420);
    assertThat(spec.at("/volumes/3/downwardAPI/items/0/fieldRef/apiVersion").asString())
        .isEqualTo("v1");
  }

  @Test
  void addsNotReadyAndUnreachableTolerationsOnce() {
    ObjectNode pod = pod("- {name: app, image: nginx}");
    ((ObjectNode) pod.get("spec")).putArray("tolerations").addObject()
        .put("key", "node.kubernetes.io/unreachable").put("operator", "Exists")
        .put("effect", "NoExecute").put("tolerationSeconds", 60);
    assertThat(create("", "Pod", true, pod)).isEmpty();
    JsonNode tolerations = pod.at("/spec/tolerations");
    assertThat(tolerations).hasSize(2);
    assertThat(tolerations.get(0).get("tolerationSeconds").asInt()).isEqualTo(60);
    assertThat(tolerations.get(1).get("key").asString()).isEqualTo("node.kubernetes.io/not-ready");
    assertThat(tolerations.get(1).get("effect").asString()).isEqualTo("NoExecute");
    assertThat(tolerations.get(1).get("tolerationSeconds").asInt()).isEqualTo(300);
  }

  record PullCase(String image, String policy) {
    @Override
    public String toString() {
      return image + " -> " + policy;
    }
  }

  static Stream<PullCase> pullPolicies() {
    return Stream.of(new PullCase("nginx", "Always"), new PullCase("nginx:latest", "Always"),
        new PullCase("nginx:1.25", "IfNotPresent"),
        new PullCase("registry.local:5000/team/app", "Always"),
        new PullCase("registry.local:5000/team/app:v2", "IfNotPresent"),
        new PullCase("app@sha256:" + "a".repeat(64), "IfNotPresent"),
        new PullCase("app:latest@sha256:" + "a".repeat(64), "Always"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pullPolicies")
  void defaultsImagePullPolicyFromTheTag(PullCase c) {
    ObjectNode pod = pod("- {name: app, image: \"" + c.image() + "\"}");
    assertThat(create("", "Pod", true, pod)).isEmpty();
    assertThat(pod.at("/spec/containers/0/imagePullPolicy").asString()).isEqualTo(c.policy());
  }

  record QosCase(String name, String resources, String qos) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<QosCase> qos() {
    return Stream.of(
        new QosCase("no resources", "{}", "BestEffort"),
        new QosCase("requests only", "{requests: {cpu: 100m}}", "Burstable"),
        new QosCase("limits only are copied to requests",
            "{limits: {cpu: 500m, memory: 64Mi}}", "Guaranteed"),
        new QosCase("equal requests and limits",
            "{requests: {cpu: '0.5', memory: 64Mi}, limits: {cpu: 500m, memory: 64Mi}}",
            "Guaranteed"),
        new QosCase("cpu limit only", "{limits: {cpu: 500m}}", "Burstable"),
        new QosCase("requests below limits",
            "{requests: {cpu: 100m, memory: 32Mi}, limits: {cpu: 500m, memory: 64Mi}}",
            "Burstable"),
        new QosCase("zero requests", "{requests: {cpu: '0'}}", "BestEffort"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("qos")
  void computesQosClassOnCreate(QosCase c) {
    ObjectNode pod = pod("- {name: app, image: nginx, resources: " + c.resources() + "}");
    assertThat(messages(create("", "Pod", true, pod))).isEmpty();
    assertThat(pod.at("/status/phase").asString()).isEqualTo("Pending");
    assertThat(pod.at("/status/qosClass").asString()).isEqualTo(c.qos());
  }

  @Test
  void storesQuantitiesInCanonicalForm() {
    ObjectNode pod = pod("- {name: app, image: nginx, resources: {limits: {cpu: '0.5',"
        + " memory: 1024Mi}}}");
    assertThat(create("", "Pod", true, pod)).isEmpty();
    assertThat(pod.at("/spec/containers/0/resources/limits/cpu").asString()).isEqualTo("500m");
    assertThat(pod.at("/spec/containers/0/resources/limits/memory").asString()).isEqualTo("1Gi");
    assertThat(pod.at("/spec/containers/0/resources/requests/cpu").asString()).isEqualTo("500m");
  }

  @Test
  void gatedPodsStartWithSchedulingGatedCondition() {
    ObjectNode pod = pod("- {name: app, image: nginx}");
    ((ObjectNode) pod.get("spec")).putArray("schedulingGates").addObject()
        .put("name", "example.com/wait");
    assertThat(create("", "Pod", true, pod)).isEmpty();
    assertThat(pod.at("/status/conditions/0/type").asString()).isEqualTo("PodScheduled");
    assertThat(pod.at("/status/conditions/0/reason").asString()).isEqualTo("SchedulingGated");
  }
}
