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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class NamespaceAndNodeTest {

  @Test
  void namespaceStartsActiveWithKubernetesFinalizerAndNameLabel() {
    ObjectNode ns = yaml("{apiVersion: v1, kind: Namespace, metadata: {name: team-a},"
        + " spec: {finalizers: [example.com/cleanup]}, status: {phase: Terminating}}");
    assertThat(create("", "Namespace", false, ns)).isEmpty();
    assertThat(ns.at("/status/phase").asString()).isEqualTo("Active");
    assertThat(ns.at("/spec/finalizers/0").asString()).isEqualTo("example.com/cleanup");
    assertThat(ns.at("/spec/finalizers/1").asString()).isEqualTo("kubernetes");
    assertThat(ns.at("/metadata/labels/kubernetes.io~1metadata.name").asString())
        .isEqualTo("team-a");
    assertThat(Strategies.mainFor("", "Namespace").selectableFields(ns))
        .containsEntry("status.phase", "Active");
  }

  @Test
  void namespaceNamesAreDnsLabels() {
    ObjectNode ns = yaml("{apiVersion: v1, kind: Namespace, metadata: {name: team.a}}");
    assertOneError(create("", "Namespace", false, ns), "metadata.name", Type.INVALID,
        "must not contain dots");
  }

  @Test
  void namespaceFinalizersMustBeStandardOrQualified() {
    ObjectNode ns = yaml("{apiVersion: v1, kind: Namespace, metadata: {name: a},"
        + " spec: {finalizers: [cleanup]}}");
    assertOneError(create("", "Namespace", false, ns), "spec.finalizers", Type.INVALID,
        "name is neither a standard finalizer name nor is it fully qualified");
  }

  @Test
  void namespaceUpdateKeepsFinalizersAndStatus() {
    ResourceStrategy main = Strategies.mainFor("", "Namespace");
    ObjectNode old = yaml("{apiVersion: v1, kind: Namespace, metadata: {name: a, uid: u,"
        + " resourceVersion: '1'}}");
    create("", "Namespace", false, old);
    ObjectNode ns = old.deepCopy();
    ((ObjectNode) ns.get("spec")).putArray("finalizers");
    ((ObjectNode) ns.get("status")).put("phase", "Terminating");
    assertThat(update(main, ns, old)).isEmpty();
    assertThat(ns.at("/spec/finalizers/0").asString()).isEqualTo("kubernetes");
    assertThat(ns.at("/status/phase").asString()).isEqualTo("Active");
  }

  @Test
  void namespaceStatusPhaseFollowsDeletion() {
    ResourceStrategy status = Strategies.statusFor("", "Namespace").orElseThrow();
    ObjectNode old = yaml("{apiVersion: v1, kind: Namespace, metadata: {name: a, uid: u,"
        + " resourceVersion: '1'}, status: {phase: Active}}");
    ObjectNode ns = old.deepCopy();
    ((ObjectNode) ns.get("status")).put("phase", "Terminating");
    assertOneError(update(status, ns, old), "status.Phase", Type.INVALID,
        "may only be 'Active' if `deletionTimestamp` is empty");
  }

  static ObjectNode node() {
    return yaml("""
        apiVersion: v1
        kind: Node
        metadata: {name: node-1}
        spec: {podCIDR: 10.244.1.0/24}
        status:
          capacity: {cpu: "4", memory: 8192Mi, pods: "110"}
        """);
  }

  @Test
  void nodeDefaultsPodCidrsAndAllocatable() {
    ObjectNode node = node();
    assertThat(create("", "Node", false, node)).isEmpty();
    assertThat(node.at("/spec/podCIDRs/0").asString()).isEqualTo("10.244.1.0/24");
    assertThat(node.at("/status/capacity/memory").asString()).isEqualTo("8Gi");
    assertThat(node.at("/status/allocatable/cpu").asString()).isEqualTo("4");
    assertThat(Strategies.mainFor("", "Node").selectableFields(node))
        .containsEntry("spec.unschedulable", "false");
  }

  record Case(String name, Consumer<ObjectNode> change, String field, Type type, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> invalidNodes() {
    return Stream.of(
        new Case("bad pod CIDR", n -> ((ObjectNode) n.get("spec")).put("podCIDR", "10.244.1.0"),
            "spec.podCIDRs[0]", Type.INVALID, "must be a valid CIDR value"),
        new Case("taint effect", n -> ((ObjectNode) n.get("spec")).putArray("taints").addObject()
            .put("key", "dedicated").put("effect", "Sometimes"), "metadata.taints[0].effect",
            Type.NOT_SUPPORTED, "\"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""),
        new Case("taint without effect", n -> ((ObjectNode) n.get("spec")).putArray("taints")
            .addObject().put("key", "dedicated"), "metadata.taints[0].effect", Type.REQUIRED, ""),
        new Case("duplicate taints", n -> {
          ArrayNode taints = ((ObjectNode) n.get("spec")).putArray("taints");
          taints.addObject().put("key", "k").put("effect", "NoSchedule");
          taints.addObject().put("key", "k").put("value", "v").put("effect", "NoSchedule");
        }, "metadata.taints[1]", Type.DUPLICATE, "taints must be unique by key and effect pair"),
        new Case("negative capacity", n -> ((ObjectNode) n.at("/status/capacity"))
            .put("cpu", "-1"), "status.capacity.cpu", Type.INVALID,
            "must be greater than or equal to 0"),
        new Case("namespaced node", n -> ((ObjectNode) n.get("metadata")).put("namespace", "x"),
            "metadata.namespace", Type.FORBIDDEN, "not allowed on this type"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidNodes")
  void rejectsNodes(Case c) {
    ObjectNode node = node();
    c.change().accept(node);
    assertOneError(create("", "Node", false, node), c.field(), c.type(), c.detail());
  }

  @Test
  void nodeUpdatesMayNotMovePodCidrAndStatusGoesThroughSubresource() {
    ResourceStrategy main = Strategies.mainFor("", "Node");
    ResourceStrategy status = Strategies.statusFor("", "Node").orElseThrow();
    ObjectNode old = node();
    create("", "Node", false, old);
    ((ObjectNode) old.get("metadata")).put("uid", "u").put("resourceVersion", "1");

    ObjectNode moved = old.deepCopy();
    ((ObjectNode) moved.get("spec")).put("podCIDR", "10.244.2.0/24").remove("podCIDRs");
    assertOneError(update(main, moved, old), "spec.podCIDRs", Type.FORBIDDEN,
        "node updates may not change podCIDR except from \"\" to valid");

    ObjectNode cordoned = old.deepCopy();
    ((ObjectNode) cordoned.get("spec")).put("unschedulable", true);
    ((ObjectNode) cordoned.at("/status/capacity")).put("cpu", "8");
    assertThat(messages(update(main, cordoned, old))).isEmpty();
    assertThat(cordoned.at("/status/capacity/cpu").asString()).isEqualTo("4");

    ObjectNode heartbeat = old.deepCopy();
    ((ObjectNode) heartbeat.get("spec")).put("unschedulable", true);
    ((ObjectNode) heartbeat.get("status")).putArray("conditions").addObject()
        .put("type", "Ready").put("status", "True");
    assertThat(messages(update(status, heartbeat, old))).isEmpty();
    assertThat(heartbeat.at("/spec/unschedulable").isMissingNode()).isTrue();
    assertThat(heartbeat.at("/status/conditions/0/type").asString()).isEqualTo("Ready");
  }
}
