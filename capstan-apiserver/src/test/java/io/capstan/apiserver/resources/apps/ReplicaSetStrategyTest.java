package io.capstan.apiserver.resources.apps;

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

class ReplicaSetStrategyTest {

  static ObjectNode rs() {
    return yaml("""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: web-5d4f8, namespace: t}
        spec:
          selector: {matchLabels: {app: web, pod-template-hash: 5d4f8}}
          template:
            metadata: {labels: {app: web, pod-template-hash: 5d4f8}}
            spec:
              containers: [{name: web, image: "good:1"}]
        """);
  }

  static ObjectNode spec(ObjectNode rs) {
    return (ObjectNode) rs.get("spec");
  }

  final ResourceStrategy main = Strategies.mainFor("apps", "ReplicaSet");
  final ResourceStrategy status = Strategies.statusFor("apps", "ReplicaSet").orElseThrow();

  @Test
  void defaultsReplicasAndTemplate() {
    ObjectNode rs = rs();
    assertThat(create("apps", "ReplicaSet", true, rs)).isEmpty();
    assertThat(spec(rs).get("replicas").asInt()).isEqualTo(1);
    assertThat(rs.at("/metadata/generation").asLong()).isEqualTo(1);
    assertThat(rs.at("/spec/template/spec/containers/0/imagePullPolicy").asString())
        .isEqualTo("IfNotPresent");
  }

  record Case(String name, Consumer<ObjectNode> change, String field, Type type, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> invalid() {
    return Stream.of(
        new Case("negative replicas", r -> spec(r).put("replicas", -2), "spec.replicas",
            Type.INVALID, "must be greater than or equal to 0"),
        new Case("negative minReadySeconds", r -> spec(r).put("minReadySeconds", -1),
            "spec.minReadySeconds", Type.INVALID, "must be greater than or equal to 0"),
        new Case("empty selector", r -> spec(r).putObject("selector"), "spec.selector",
            Type.INVALID, "empty selector is invalid for deployment"),
        new Case("mismatching template", r -> ((ObjectNode) r.at("/spec/template/metadata/labels"))
            .remove("app"), "spec.template.metadata.labels", Type.INVALID,
            "`selector` does not match template `labels`"),
        new Case("restart OnFailure", r -> ((ObjectNode) r.at("/spec/template/spec"))
            .put("restartPolicy", "OnFailure"), "spec.template.spec.restartPolicy",
            Type.NOT_SUPPORTED, "supported values: \"Always\""),
        new Case("active deadline", r -> ((ObjectNode) r.at("/spec/template/spec"))
            .put("activeDeadlineSeconds", 10), "spec.template.spec.activeDeadlineSeconds",
            Type.FORBIDDEN, "activeDeadlineSeconds in ReplicaSet is not Supported"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejects(Case c) {
    ObjectNode rs = rs();
    c.change().accept(rs);
    assertOneError(create("apps", "ReplicaSet", true, rs), c.field(), c.type(), c.detail());
  }

  ObjectNode stored() {
    ObjectNode rs = rs();
    create("apps", "ReplicaSet", true, rs);
    ((ObjectNode) rs.get("metadata")).put("uid", "u").put("resourceVersion", "3");
    rs.putObject("status").put("replicas", 1);
    return rs;
  }

  @Test
  void scalingBumpsGenerationAndKeepsStatus() {
    ObjectNode old = stored();
    ObjectNode rs = old.deepCopy();
    spec(rs).put("replicas", 4);
    rs.putObject("status");
    assertThat(update(main, rs, old)).isEmpty();
    assertThat(rs.at("/metadata/generation").asLong()).isEqualTo(2);
    assertThat(rs.at("/status/replicas").asInt()).isEqualTo(1);
  }

  @Test
  void labelChangeKeepsGeneration() {
    ObjectNode old = stored();
    ObjectNode rs = old.deepCopy();
    ((ObjectNode) rs.get("metadata")).putObject("labels").put("x", "y");
    assertThat(update(main, rs, old)).isEmpty();
    assertThat(rs.at("/metadata/generation").asLong()).isEqualTo(1);
  }

  @Test
  void selectorIsImmutable() {
    ObjectNode old = stored();
    ObjectNode rs = old.deepCopy();
    ((ObjectNode) rs.at("/spec/selector/matchLabels")).remove("pod-template-hash");
    assertOneError(update(main, rs, old), "spec.selector", Type.INVALID, "field is immutable");
  }

  @Test
  void statusUpdateKeepsSpecAndChecksCounts() {
    ObjectNode old = stored();
    ObjectNode rs = old.deepCopy();
    spec(rs).put("replicas", 9);
    rs.putObject("status").put("replicas", 1).put("fullyLabeledReplicas", 2);
    assertOneError(update(status, rs, old), "status.fullyLabeledReplicas", Type.INVALID,
        "cannot be greater than status.replicas");
    assertThat(spec(rs).get("replicas").asInt()).isEqualTo(1);
  }

  @Test
  void selectsOnStatusReplicas() {
    ObjectNode rs = stored();
    assertThat(main.selectableFields(rs)).containsEntry("status.replicas", "1");
    assertThat(messages(status.validateUpdate(rs, rs))).isEmpty();
  }
}
