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
import tools.jackson.databind.node.ObjectNode;

class PodUpdateTest {

  final ResourceStrategy main = Strategies.mainFor("", "Pod");
  final ResourceStrategy status = Strategies.statusFor("", "Pod").orElseThrow();

  static ObjectNode stored() {
    ObjectNode pod = yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: t}
        spec:
          restartPolicy: Never
          activeDeadlineSeconds: 100
          containers: [{name: app, image: "nginx:1", ports: [{containerPort: 80}]}]
        """);
    assertThat(create("", "Pod", true, pod)).isEmpty();
    ((ObjectNode) pod.get("metadata")).put("uid", "u").put("resourceVersion", "7");
    return pod;
  }

  static ObjectNode spec(ObjectNode pod) {
    return (ObjectNode) pod.get("spec");
  }

  static ObjectNode container(ObjectNode pod) {
    return (ObjectNode) pod.at("/spec/containers/0");
  }

  record Case(String name, Consumer<ObjectNode> change, String field, Type type, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> allowed() {
    return Stream.of(
        new Case("new image", p -> container(p).put("image", "nginx:2"), null, null, null),
        new Case("shorter deadline", p -> spec(p).put("activeDeadlineSeconds", 50), null, null,
            null),
        new Case("added toleration", p -> ((tools.jackson.databind.node.ArrayNode) p.at(
            "/spec/tolerations")).addObject().put("key", "k").put("operator", "Exists"), null,
            null, null),
        new Case("changed toleration seconds", p -> ((ObjectNode) p.at("/spec/tolerations/0"))
            .put("tolerationSeconds", 10), null, null, null),
        new Case("labels", p -> ((ObjectNode) p.get("metadata")).putObject("labels")
            .put("a", "b"), null, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowed")
  void allows(Case c) {
    ObjectNode old = stored();
    ObjectNode pod = old.deepCopy();
    c.change().accept(pod);
    assertThat(messages(update(main, pod, old))).isEmpty();
  }

  static Stream<Case> forbidden() {
    return Stream.of(
        new Case("changed port", p -> ((ObjectNode) container(p).at("/ports/0"))
            .put("containerPort", 81), "spec", Type.FORBIDDEN,
            "pod updates may not change fields other than `spec.containers[*].image`,"
                + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations`"
                + " (only additions to existing tolerations),`spec.terminationGracePeriodSeconds`"
                + " (allow it to be set to 1 if it was previously negative)\n"),
        new Case("restart policy", p -> spec(p).put("restartPolicy", "OnFailure"), "spec",
            Type.FORBIDDEN, "spec.restartPolicy"),
        new Case("added container", p -> ((tools.jackson.databind.node.ArrayNode) p.at(
            "/spec/containers")).addObject().put("name", "b").put("image", "x"),
            "spec.containers", Type.FORBIDDEN, "pod updates may not add or remove containers"),
        new Case("longer deadline", p -> spec(p).put("activeDeadlineSeconds", 200),
            "spec.activeDeadlineSeconds", Type.INVALID,
            "must be less than or equal to previous value"),
        new Case("removed deadline", p -> spec(p).remove("activeDeadlineSeconds"),
            "spec.activeDeadlineSeconds", Type.INVALID,
            "must not update from a positive integer to nil value"),
        new Case("modified toleration", p -> ((ObjectNode) p.at("/spec/tolerations/0"))
            .put("effect", "NoSchedule").remove("tolerationSeconds"), "spec.tolerations",
            Type.FORBIDDEN, "existing toleration can not be modified except its tolerationSeconds"),
        new Case("new scheduling gate", p -> spec(p).putArray("schedulingGates").addObject()
            .put("name", "g"), "spec.schedulingGates[0].name", Type.FORBIDDEN,
            "only deletion is allowed, but found new scheduling gate 'g'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forbidden")
  void forbids(Case c) {
    ObjectNode old = stored();
    ObjectNode pod = old.deepCopy();
    c.change().accept(pod);
    assertOneError(update(main, pod, old), c.field(), c.type(), c.detail());
  }

  @Test
  void mainUpdateKeepsStatus() {
    ObjectNode old = stored();
    ObjectNode pod = old.deepCopy();
    pod.putObject("status").put("phase", "Running");
    assertThat(update(main, pod, old)).isEmpty();
    assertThat(pod.at("/status/phase").asString()).isEqualTo("Pending");
  }

  @Test
  void statusUpdateKeepsSpecAndSyncsPodIps() {
    ObjectNode old = stored();
    ObjectNode pod = old.deepCopy();
    container(pod).put("image", "evil");
    ((ObjectNode) pod.get("status")).put("phase", "Running").put("podIP", "127.0.10.3")
        .remove("qosClass");
    assertThat(messages(update(status, pod, old))).isEmpty();
    assertThat(container(pod).get("image").asString()).isEqualTo("nginx:1");
    assertThat(pod.at("/status/podIPs/0/ip").asString()).isEqualTo("127.0.10.3");
    assertThat(pod.at("/status/qosClass").asString()).isEqualTo("BestEffort");
    assertThat(main.selectableFields(pod)).containsEntry("status.phase", "Running")
        .containsEntry("status.podIP", "127.0.10.3")
        .containsEntry("spec.restartPolicy", "Never")
        .containsEntry("spec.hostNetwork", "false")
        .containsEntry("spec.serviceAccountName", "default")
        .containsEntry("spec.schedulerName", "default-scheduler")
        .containsEntry("spec.nodeName", "")
        .containsEntry("status.nominatedNodeName", "");
  }

  static Stream<Case> invalidStatus() {
    return Stream.of(
        new Case("qos change", p -> ((ObjectNode) p.get("status")).put("qosClass", "Guaranteed"),
            "status.qosClass", Type.INVALID, "field is immutable"),
        new Case("bad pod IP", p -> ((ObjectNode) p.get("status")).put("podIP", "10.0.0.300"),
            "status.podIPs[0]", Type.INVALID, "must be a valid IP address"),
        new Case("restart of a terminated container under Never", p -> ((ObjectNode) p
            .get("status")).putArray("containerStatuses").addObject().put("name", "app")
            .putObject("state").putObject("running"), "status.containerStatuses[0].state",
            Type.FORBIDDEN, "may not be transitioned to non-terminated state"),
        new Case("bad custom condition", p -> ((ObjectNode) p.get("status"))
            .putArray("conditions").addObject().put("type", "bad type").put("status", "True"),
            "metadata.conditions[0].Type", Type.INVALID, "name part must consist of"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidStatus")
  void rejectsStatus(Case c) {
    ObjectNode old = stored();
    ((ObjectNode) old.get("status")).putArray("containerStatuses").addObject()
        .put("name", "app").putObject("state").putObject("terminated").put("exitCode", 0);
    ObjectNode pod = old.deepCopy();
    c.change().accept(pod);
    assertOneError(update(status, pod, old), c.field(), c.type(), c.detail());
  }
}
