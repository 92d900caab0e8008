package io.capstan.apiserver.resources.apps;

import static io.capstan.apiserver.resources.Fixtures.assertOneError;
import static io.capstan.apiserver.resources.Fixtures.create;
import static io.capstan.apiserver.resources.Fixtures.messages;
import static io.capstan.apiserver.resources.Fixtures.update;
import static io.capstan.apiserver.resources.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.errors.FieldError.Type;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.Strategies;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class DeploymentStrategyTest {

  static final String WEB = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: t}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: good}]
      """;

  static ObjectNode web() {
    return yaml(WEB);
  }

  static ObjectNode spec(ObjectNode d) {
    return (ObjectNode) d.get("spec");
  }

  static ObjectNode podSpec(ObjectNode d) {
    return (ObjectNode) d.get("spec").get("template").get("spec");
  }

  static ObjectNode rolling(ObjectNode d, Object surge, Object unavailable) {
    ObjectNode r = spec(d).putObject("strategy").put("type", "RollingUpdate")
        .putObject("rollingUpdate");
    put(r, "maxSurge", surge);
    put(r, "maxUnavailable", unavailable);
    return d;
  }

  static void put(ObjectNode node, String field, Object value) {
    if (value instanceof Integer i) {
      node.put(field, i);
    } else {
      node.put(field, (String) value);
    }
  }

  List<FieldError> createWeb(Consumer<ObjectNode> change) {
    ObjectNode d = web();
    change.accept(d);
    return create("apps", "Deployment", true, d);
  }

  @Test
  void defaultsADeploymentWithOnlySelectorAndTemplate() {
    ObjectNode d = web();
    assertThat(create("apps", "Deployment", true, d)).isEmpty();
    ObjectNode spec = spec(d);
    assertThat(spec.get("replicas").asInt()).isEqualTo(1);
    assertThat(spec.at("/strategy/type").asString()).isEqualTo("RollingUpdate");
    assertThat(spec.at("/strategy/rollingUpdate/maxSurge").isString()).isTrue();
    assertThat(spec.at("/strategy/rollingUpdate/maxSurge").asString()).isEqualTo("25%");
    assertThat(spec.at("/strategy/rollingUpdate/maxUnavailable").asString()).isEqualTo("25%");
    assertThat(spec.get("revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(spec.get("progressDeadlineSeconds").asInt()).isEqualTo(600);
    assertThat(d.at("/metadata/generation").asLong()).isEqualTo(1);
    ObjectNode pod = podSpec(d);
    assertThat(pod.get("restartPolicy").asString()).isEqualTo("Always");
    assertThat(pod.get("terminationGracePeriodSeconds").asInt()).isEqualTo(30);
    assertThat(pod.get("dnsPolicy").asString()).isEqualTo("ClusterFirst");
    assertThat(pod.get("schedulerName").asString()).isEqualTo("default-scheduler");
    assertThat(pod.get("securityContext").isObject()).isTrue();
    assertThat(pod.at("/containers/0/imagePullPolicy").asString()).isEqualTo("Always");
    assertThat(pod.at("/containers/0/terminationMessagePath").asString())
        .isEqualTo("/dev/termination-log");
    assertThat(pod.at("/containers/0/terminationMessagePolicy").asString()).isEqualTo("File");
    assertThat(pod.has("enableServiceLinks")).as("a Pod-only default").isFalse();
    assertThat(d.get("status").isEmpty()).isTrue();
  }

  @Test
  void recreateGetsNoRollingUpdateBlock() {
    ObjectNode d = web();
    spec(d).putObject("strategy").put("type", "Recreate");
    assertThat(create("apps", "Deployment", true, d)).isEmpty();
    assertThat(spec(d).get("strategy").has("rollingUpdate")).isFalse();
  }

  @Test
  void createClearsStatusAndSetsGenerationOne() {
    ObjectNode d = web();
    d.putObject("status").put("replicas", 7);
    ((ObjectNode) d.get("metadata")).put("generation", 9);
    create("apps", "Deployment", true, d);
    assertThat(d.get("status").isEmpty()).isTrue();
    assertThat(d.at("/metadata/generation").asLong()).isEqualTo(1);
  }

  record Case(String name, Consumer<ObjectNode> change, String field, Type type, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> invalid() {
    return Stream.of(
        new Case("A2 recreate with rollingUpdate", d -> spec(d).putObject("strategy")
            .put("type", "Recreate").putObject("rollingUpdate"),
            "spec.strategy.rollingUpdate", Type.FORBIDDEN,
            "may not be specified when strategy `type` is 'Recreate'"),
        new Case("A3 both limits zero", d -> rolling(d, 0, 0),
            "spec.strategy.rollingUpdate.maxUnavailable", Type.INVALID,
            "may not be 0 when `maxSurge` is 0"),
        new Case("both limits zero percent", d -> rolling(d, "0%", "0%"),
            "spec.strategy.rollingUpdate.maxUnavailable", Type.INVALID,
            "may not be 0 when `maxSurge` is 0"),
        new Case("A5 maxUnavailable above 100%", d -> rolling(d, "25%", "110%"),
            "spec.strategy.rollingUpdate.maxUnavailable", Type.INVALID,
            "must not be greater than 100%"),
        new Case("A6 bad percent", d -> rolling(d, "20Percent", "25%"),
            "spec.strategy.rollingUpdate.maxSurge", Type.INVALID,
            "a valid percent string must be a numeric string followed by an ending '%' (e.g."
                + " '1%',  or '93%', regex used for validation is '[0-9]+%')"),
        new Case("negative maxSurge", d -> rolling(d, -1, "25%"),
            "spec.strategy.rollingUpdate.maxSurge", Type.INVALID,
            "must be greater than or equal to 0"),
        new Case("A7 negative replicas", d -> spec(d).put("replicas", -1), "spec.replicas",
            Type.INVALID, "must be greater than or equal to 0"),
        new Case("A8 selector does not match", d -> ((ObjectNode) d.at("/spec/template/metadata"
            + "/labels")).put("app", "api"), "spec.template.metadata.labels", Type.INVALID,
            "`selector` does not match template `labels`"),
        new Case("A10 empty selector", d -> spec(d).putObject("selector"), "spec.selector",
            Type.INVALID, "empty selector is invalid for deployment"),
        new Case("A12 restartPolicy Never", d -> podSpec(d).put("restartPolicy", "Never"),
            "spec.template.spec.restartPolicy", Type.NOT_SUPPORTED, "supported values: \"Always\""),
        new Case("A13 deadline not above minReadySeconds", d -> spec(d)
            .put("progressDeadlineSeconds", 10).put("minReadySeconds", 10),
            "spec.progressDeadlineSeconds", Type.INVALID, "must be greater than minReadySeconds"),
        new Case("A14 uppercase name", d -> ((ObjectNode) d.get("metadata")).put("name", "Web"),
            "metadata.name", Type.INVALID, "a lowercase RFC 1123 subdomain must consist of"),
        new Case("unknown strategy type", d -> spec(d).putObject("strategy").put("type", "Foo"),
            "spec.strategy", Type.NOT_SUPPORTED, "supported values: \"Recreate\", \"RollingUpdate\""),
        new Case("activeDeadlineSeconds in template", d -> podSpec(d)
            .put("activeDeadlineSeconds", 5), "spec.template.spec.activeDeadlineSeconds",
            Type.FORBIDDEN, "activeDeadlineSeconds in ReplicaSet is not Supported"),
        new Case("bad selector operator", d -> spec(d).putObject("selector")
            .putArray("matchExpressions").addObject().put("key", "app").put("operator", "Gt"),
            "spec.selector.matchExpressions[0].operator", Type.INVALID,
            "not a valid selector operator"),
        new Case("missing image", d -> ((ObjectNode) podSpec(d).at("/containers/0"))
            .remove("image"), "spec.template.spec.containers[0].image", Type.REQUIRED, ""),
        new Case("no containers", d -> podSpec(d).putArray("containers"),
            "spec.template.spec.containers", Type.REQUIRED, ""),
        new Case("ephemeral containers in template", d -> podSpec(d)
            .putArray("ephemeralContainers").addObject().put("name", "debug").put("image", "x"),
            "spec.template.spec.ephemeralContainers", Type.FORBIDDEN,
            "ephemeral containers not allowed in pod template"),
        new Case("negative minReadySeconds", d -> spec(d).put("minReadySeconds", -1),
            "spec.minReadySeconds", Type.INVALID, "must be greater than or equal to 0"),
        new Case("negative revisionHistoryLimit", d -> spec(d).put("revisionHistoryLimit", -1),
            "spec.revisionHistoryLimit", Type.INVALID, "must be greater than or equal to 0"),
        new Case("bad template label key", d -> ((ObjectNode) d.at("/spec/template/metadata"
            + "/labels")).put("bad key", "x"), "spec.template.labels", Type.INVALID,
            "name part must consist of alphanumeric characters"),
        new Case("liveness probe needing two successes", d -> ((ObjectNode) podSpec(d)
            .at("/containers/0")).putObject("livenessProbe").put("successThreshold", 2)
            .putObject("tcpSocket").put("port", 80),
            "spec.template.spec.containers[0].livenessProbe.successThreshold", Type.INVALID,
            "must be 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejects(Case c) {
    assertOneError(createWeb(c.change()), c.field(), c.type(), c.detail());
  }

  @Test
  void a9MissingSelectorGivesRequiredAndMismatch() {
    List<FieldError> errs = createWeb(d -> spec(d).remove("selector"));
    assertThat(errs).hasSize(2);
    assertOneError(errs, "spec.selector", Type.REQUIRED, "");
    assertOneError(errs, "spec.template.metadata.labels", Type.INVALID,
        "`selector` does not match template `labels`");
  }

  static Stream<Case> valid() {
    return Stream.of(
        new Case("A4 zero surge with percent unavailable", d -> spec(rolling(d, "0%", "10%"))
            .put("replicas", 5), null, null, null),
        new Case("A5 maxSurge 200%", d -> rolling(d, "200%", "25%"), null, null, null),
        new Case("revisionHistoryLimit 0", d -> spec(d).put("revisionHistoryLimit", 0), null,
            null, null),
        new Case("maxUnavailable 100%", d -> rolling(d, 0, "100%"), null, null, null),
        new Case("selector with expressions", d -> spec(d).putObject("selector")
            .putArray("matchExpressions").addObject().put("key", "app").put("operator", "In")
            .putArray("values").add("web").add("api"), null, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void accepts(Case c) {
    assertThat(messages(createWeb(c.change()))).isEmpty();
  }

  @Test
  void a3MessageHasKubernetesShape() {
    List<FieldError> errs = createWeb(d -> rolling(d, 0, 0));
    ApiException e = ApiException.invalid("apps", "Deployment", "web", errs);
    assertThat(e.getMessage()).isEqualTo("Deployment.apps \"web\" is invalid: "
        + "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when"
        + " `maxSurge` is 0");
    assertThat(e.code()).isEqualTo(422);
    assertThat(e.status().getDetails().getCauses()).singleElement().satisfies(cause -> {
      assertThat(cause.getReason()).isEqualTo("FieldValueInvalid");
      assertThat(cause.getField()).isEqualTo("spec.strategy.rollingUpdate.maxUnavailable");
      assertThat(cause.getMessage()).isEqualTo("Invalid value: 0: may not be 0 when `maxSurge`"
          + " is 0");
    });
  }

  ObjectNode stored() {
    ObjectNode d = web();
    assertThat(create("apps", "Deployment", true, d)).isEmpty();
    ObjectNode meta = (ObjectNode) d.get("metadata");
    meta.put("uid", "u-1").put("resourceVersion", "5")
        .put("creationTimestamp", "2024-01-01T00:00:00Z");
    d.putObject("status").put("replicas", 1).put("observedGeneration", 1);
    return d;
  }

  ResourceStrategy main() {
    return Strategies.mainFor("apps", "Deployment");
  }

  ResourceStrategy status() {
    return Strategies.statusFor("apps", "Deployment").orElseThrow();
  }

  @Test
  void specChangeBumpsGenerationAndKeepsStatus() {
    ObjectNode old = stored();
    ObjectNode d = old.deepCopy();
    spec(d).put("replicas", 3);
    d.putObject("status").put("replicas", 99);
    assertThat(update(main(), d, old)).isEmpty();
    assertThat(d.at("/metadata/generation").asLong()).isEqualTo(2);
    assertThat(d.at("/status/replicas").asInt()).isEqualTo(1);
  }

  @Test
  void annotationChangeBumpsGeneration() {
    ObjectNode old = stored();
    ObjectNode d = old.deepCopy();
    ((ObjectNode) d.get("metadata")).putObject("annotations")
        .put("kubernetes.io/change-cause", "v2");
    assertThat(update(main(), d, old)).isEmpty();
    assertThat(d.at("/metadata/generation").asLong()).isEqualTo(2);
  }

  @Test
  void unchangedSpecWithDefaultsOmittedKeepsGeneration() {
    ObjectNode old = stored();
    ObjectNode d = web();
    d.set("metadata", old.get("metadata").deepCopy());
    ((ObjectNode) d.get("metadata")).put("generation", 0);
    assertThat(update(main(), d, old)).isEmpty();
    assertThat(d.at("/metadata/generation").asLong()).isEqualTo(1);
  }

  @Test
  void a11SelectorIsImmutable() {
    ObjectNode old = stored();
    ObjectNode d = old.deepCopy();
    ((ObjectNode) spec(d).get("selector").get("matchLabels")).put("app", "web2");
    ((ObjectNode) d.at("/spec/template/metadata/labels")).put("app", "web2");
    assertOneError(update(main(), d, old), "spec.selector", Type.INVALID, "field is immutable");
  }

  @Test
  void templateLabelsMayChangeWhileMatching() {
    ObjectNode old = stored();
    ObjectNode d = old.deepCopy();
    ((ObjectNode) d.at("/spec/template/metadata/labels")).put("tier", "front");
    assertThat(update(main(), d, old)).isEmpty();
  }

  @Test
  void statusUpdateKeepsSpecAndLabelsButPersistsAnnotations() {
    ObjectNode old = stored();
    ObjectNode d = old.deepCopy();
    spec(d).put("replicas", 50);
    ObjectNode meta = (ObjectNode) d.get("metadata");
    meta.putObject("labels").put("hacked", "yes");
    meta.putObject("annotations").put("deployment.kubernetes.io/revision", "1");
    d.putObject("status").put("replicas", 1).put("readyReplicas", 1)
        .put("availableReplicas", 1).put("updatedReplicas", 1).put("observedGeneration", 1);
    assertThat(update(status(), d, old)).isEmpty();
    assertThat(spec(d).get("replicas").asInt()).isEqualTo(1);
    assertThat(d.at("/metadata/labels").isMissingNode()).isTrue();
    assertThat(d.at("/metadata/annotations/deployment.kubernetes.io~1revision").asString())
        .isEqualTo("1");
    assertThat(d.at("/metadata/generation").asLong()).isEqualTo(1);
    assertThat(d.at("/status/readyReplicas").asInt()).isEqualTo(1);
  }

  static Stream<Case> invalidStatus() {
    return Stream.of(
        new Case("ready above replicas", d -> ((ObjectNode) d.get("status"))
            .put("replicas", 1).put("readyReplicas", 2), "status.readyReplicas", Type.INVALID,
            "cannot be greater than status.replicas"),
        new Case("available above ready", d -> ((ObjectNode) d.get("status"))
            .put("replicas", 3).put("readyReplicas", 1).put("availableReplicas", 2),
            "status.availableReplicas", Type.INVALID, "cannot be greater than readyReplicas"),
        new Case("negative unavailable", d -> ((ObjectNode) d.get("status"))
            .put("unavailableReplicas", -1), "status.unavailableReplicas", Type.INVALID,
            "must be greater than or equal to 0"),
        new Case("collision count lowered", d -> ((ObjectNode) d.get("status"))
            .put("collisionCount", 1), "status.collisionCount", Type.INVALID,
            "cannot be decremented"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidStatus")
  void rejectsStatus(Case c) {
    ObjectNode old = stored();
    ((ObjectNode) old.get("status")).put("collisionCount", 2);
    ObjectNode d = old.deepCopy();
    ((ObjectNode) d.get("status")).put("collisionCount", 2);
    c.change().accept(d);
    assertOneError(update(status(), d, old), c.field(), c.type(), c.detail());
  }
}
