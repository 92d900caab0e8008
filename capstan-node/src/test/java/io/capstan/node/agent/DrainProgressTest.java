package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.controller.runtime.draining.Draining;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DrainProgressTest {

  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  record Case(String name, List<Lease> leases, Set<String> acks, Set<String> acknowledged,
      Set<String> pending, Optional<Instant> nextExpiry) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no proxies: nothing to wait for", List.of(), Set.of(), Set.of(), Set.of(),
            Optional.empty()),
        new Case("two live proxies, one acknowledged", List.of(proxy("a", -5, 40),
                proxy("b", -30, 40)), Set.of("a"), Set.of("a"), Set.of("b"),
            Optional.of(NOW.plusSeconds(10))),
        new Case("stale proxies are not waited for", List.of(proxy("a", -50, 40),
                proxy("b", -2, 10)), Set.of(), Set.of(), Set.of("b"),
            Optional.of(NOW.plusSeconds(8))),
        new Case("node leases are not proxies", List.of(new LeaseBuilder().withNewMetadata()
                .withName("worker-1").endMetadata().withNewSpec().withHolderIdentity("worker-1")
                .withRenewTime(NOW.atZone(ZoneOffset.UTC)).withLeaseDurationSeconds(40)
                .endSpec().build()), Set.of(), Set.of(), Set.of(), Optional.empty()),
        new Case("all acknowledged", List.of(proxy("a", 0, 40), proxy("b", 0, 40)),
            Set.of("a", "b"), Set.of("a", "b"), Set.of(), Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evaluates(Case c) {
    Map<String, String> annotations = new java.util.HashMap<>();
    c.acks().forEach(node -> annotations.put(Draining.ackAnnotation(node), "true"));
    Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns")
        .withAnnotations(annotations).endMetadata().build();

    DrainProgress progress = DrainProgress.of(pod, c.leases(), NOW);

    assertThat(progress.acknowledged()).containsExactlyInAnyOrderElementsOf(c.acknowledged());
    assertThat(progress.pending()).containsExactlyInAnyOrderElementsOf(c.pending());
    assertThat(progress.nextExpiry()).isEqualTo(c.nextExpiry());
    assertThat(progress.done()).isEqualTo(c.pending().isEmpty());
  }

  /** The Lease of {@code node}'s proxy, renewed {@code renewedAt} seconds from now. */
  private static Lease proxy(String node, int renewedAt, int durationSeconds) {
    return new LeaseBuilder().withNewMetadata().withName(Draining.proxyLeaseName(node))
        .withNamespace(Draining.LEASE_NAMESPACE).endMetadata().withNewSpec()
        .withHolderIdentity(node).withLeaseDurationSeconds(durationSeconds)
        .withRenewTime(NOW.plusSeconds(renewedAt).atZone(ZoneOffset.UTC)).endSpec().build();
  }
}
