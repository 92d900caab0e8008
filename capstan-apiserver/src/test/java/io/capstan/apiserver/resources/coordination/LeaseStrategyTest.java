package io.capstan.apiserver.resources.coordination;

import static io.capstan.apiserver.resources.Fixtures.assertOneError;
import static io.capstan.apiserver.resources.Fixtures.create;
import static io.capstan.apiserver.resources.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.errors.FieldError.Type;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class LeaseStrategyTest {

  static ObjectNode lease(String spec) {
    return yaml("{apiVersion: coordination.k8s.io/v1, kind: Lease,"
        + " metadata: {name: node-1, namespace: kube-node-lease}, spec: " + spec + "}");
  }

  @Test
  void acceptsANodeHeartbeat() {
    assertThat(create("coordination.k8s.io", "Lease", true, lease("{holderIdentity: node-1,"
        + " leaseDurationSeconds: 40, renewTime: '2024-01-01T00:00:00.000000Z'}"))).isEmpty();
  }

  record Case(String name, String spec, String field, Type type, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> invalid() {
    return Stream.of(
        new Case("zero duration", "{leaseDurationSeconds: 0}", "spec.leaseDurationSeconds",
            Type.INVALID, "must be greater than 0"),
        new Case("negative transitions", "{leaseTransitions: -1}", "spec.leaseTransitions",
            Type.INVALID, "must be greater than or equal to 0"),
        new Case("unknown strategy", "{strategy: Youngest}", "spec.strategy", Type.NOT_SUPPORTED,
            "\"OldestEmulationVersion\""),
        new Case("preferred holder without strategy", "{preferredHolder: a}",
            "spec.preferredHolder", Type.FORBIDDEN, "may only be specified if `strategy` is"
            + " defined"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejects(Case c) {
    assertOneError(create("coordination.k8s.io", "Lease", true, lease(c.spec())), c.field(),
        c.type(), c.detail());
  }
}
