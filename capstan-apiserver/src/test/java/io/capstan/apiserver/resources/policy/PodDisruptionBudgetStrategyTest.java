package io.capstan.apiserver.resources.policy;

import static io.capstan.apiserver.resources.Fixtures.assertOneError;
import static io.capstan.apiserver.resources.Fixtures.create;
import static io.capstan.apiserver.resources.Fixtures.messages;
import static io.capstan.apiserver.resources.Fixtures.update;
import static io.capstan.apiserver.resources.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.errors.FieldError.Type;
import io.capstan.apiserver.resources.fields.Metadata;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class PodDisruptionBudgetStrategyTest {

  static ObjectNode pdb(String spec) {
    return yaml("{apiVersion: policy/v1, kind: PodDisruptionBudget,"
        + " metadata: {name: web, namespace: default}, spec: " + spec + "}");
  }

  static List<io.capstan.apiserver.errors.FieldError> createPdb(String spec) {
    return create("policy", "PodDisruptionBudget", true, pdb(spec));
  }

  @Test
  void acceptsIntsAndPercents() {
    assertThat(createPdb("{minAvailable: 2, selector: {matchLabels: {app: web}}}")).isEmpty();
    assertThat(createPdb("{maxUnavailable: '25%', selector: {matchLabels: {app: web}}}"))
        .isEmpty();
    assertThat(createPdb("{minAvailable: '100%', unhealthyPodEvictionPolicy: AlwaysAllow}"))
        .isEmpty();
  }

  record Case(String name, String spec, String field, Type type, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> invalid() {
    return Stream.of(
        new Case("both bounds", "{minAvailable: 1, maxUnavailable: 1}", "spec", Type.INVALID,
            "minAvailable and maxUnavailable cannot be both set"),
        new Case("negative minAvailable", "{minAvailable: -1}", "spec.minAvailable",
            Type.INVALID, "must be greater than or equal to 0"),
        new Case("over 100%", "{maxUnavailable: '101%'}", "spec.maxUnavailable", Type.INVALID,
            "must not be greater than 100%"),
        new Case("not a percent", "{minAvailable: 'half'}", "spec.minAvailable", Type.INVALID,
            "a valid percent string must be a numeric string followed by an"),
        new Case("bad selector operator",
            "{minAvailable: 1, selector: {matchExpressions: [{key: app, operator: Near}]}}",
            "spec.selector.matchExpressions[0].operator", Type.INVALID, "not a valid selector"
            + " operator"),
        new Case("unknown eviction policy", "{minAvailable: 1, unhealthyPodEvictionPolicy: Never}",
            "spec.unhealthyPodEvictionPolicy", Type.NOT_SUPPORTED,
            "supported values: \"AlwaysAllow\", \"IfHealthyBudget\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejects(Case c) {
    assertOneError(createPdb(c.spec()), c.field(), c.type(), c.detail());
  }

  @Test
  void specChangesBumpTheGenerationAndKeepTheStatus() {
    PodDisruptionBudgetStrategy strategy = new PodDisruptionBudgetStrategy();
    ObjectNode old = pdb("{minAvailable: 1}");
    strategy.prepareForCreate(old);
    old.withObjectProperty("status").put("disruptionsAllowed", 1);
    ObjectNode changed = pdb("{minAvailable: 2}");
    changed.putObject("status").put("disruptionsAllowed", 5);
    strategy.prepareForUpdate(changed, old);
    assertThat(Metadata.generation(changed)).isEqualTo(2);
    assertThat(changed.path("status").path("disruptionsAllowed").asInt()).isEqualTo(1);
  }

  @Test
  void statusCountsMayNotBeNegative() {
    ObjectNode old = pdb("{minAvailable: 1}");
    ObjectNode status = pdb("{minAvailable: 1}");
    status.putObject("status").put("disruptionsAllowed", -1);
    assertThat(messages(update(new PodDisruptionBudgetStatusStrategy(), status, old)))
        .containsExactly("status.disruptionsAllowed: Invalid value: -1: must be greater than or"
            + " equal to 0");
  }
}
