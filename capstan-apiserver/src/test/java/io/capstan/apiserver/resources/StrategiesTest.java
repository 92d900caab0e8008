package io.capstan.apiserver.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StrategiesTest {

  record Kind(String group, String kind, boolean hasStatus, NameRule names) {
    @Override
    public String toString() {
      return group + "/" + kind;
    }
  }

  static Stream<Kind> kinds() {
    return Stream.of(
        new Kind("", "Namespace", true, NameRule.DNS1123_LABEL),
        new Kind("", "Pod", true, NameRule.DNS1123_SUBDOMAIN),
        new Kind("", "ConfigMap", false, NameRule.DNS1123_SUBDOMAIN),
        new Kind("", "Secret", false, NameRule.DNS1123_SUBDOMAIN),
        new Kind("", "Service", true, NameRule.DNS1035_LABEL),
        new Kind("", "Endpoints", false, NameRule.DNS1123_SUBDOMAIN),
        new Kind("", "Node", true, NameRule.DNS1123_SUBDOMAIN),
        new Kind("", "Event", false, NameRule.PATH_SEGMENT),
        new Kind("", "ServiceAccount", false, NameRule.DNS1123_SUBDOMAIN),
        new Kind("apps", "Deployment", true, NameRule.DNS1123_SUBDOMAIN),
        new Kind("apps", "ReplicaSet", true, NameRule.DNS1123_SUBDOMAIN),
        new Kind("coordination.k8s.io", "Lease", false, NameRule.DNS1123_SUBDOMAIN),
        new Kind("discovery.k8s.io", "EndpointSlice", false, NameRule.DNS1123_SUBDOMAIN),
        new Kind("policy", "PodDisruptionBudget", true, NameRule.DNS1123_SUBDOMAIN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void wiresEveryServedKind(Kind k) {
    assertThat(Strategies.mainFor(k.group(), k.kind())).isNotNull();
    assertThat(Strategies.statusFor(k.group(), k.kind()).isPresent()).isEqualTo(k.hasStatus());
    assertThat(Strategies.nameRuleFor(k.group(), k.kind())).isEqualTo(k.names());
    assertThat(Strategies.serves(k.group(), k.kind())).isTrue();
  }

  @Test
  void servesExactlyTheListedKinds() {
    assertThat(Strategies.kinds()).hasSize((int) kinds().count());
  }

  @Test
  void refusesUnknownKinds() {
    assertThat(Strategies.serves("batch", "Job")).isFalse();
    assertThatThrownBy(() -> Strategies.mainFor("apps", "StatefulSet"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StatefulSet");
  }
}
