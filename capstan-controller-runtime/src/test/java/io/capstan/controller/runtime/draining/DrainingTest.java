package io.capstan.controller.runtime.draining;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class DrainingTest {

  private static Lease lease(String name, String holder, Instant renewed, Integer seconds) {
    return new LeaseBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withHolderIdentity(holder).withRenewTime(ZonedDateTime.ofInstant(renewed, ZoneOffset.UTC))
        .withLeaseDurationSeconds(seconds).endSpec().build();
  }

  @Test
  void proxyLeasesAreFreshForTheirDuration() {
    Instant renewed = Instant.parse("2026-01-01T00:00:00Z");
    Lease lease = lease(Draining.proxyLeaseName("n1"), "n1", renewed, 40);
    assertThat(Draining.proxyNode(lease)).contains("n1");
    assertThat(Draining.isFresh(lease, renewed.plusSeconds(39))).isTrue();
    assertThat(Draining.isFresh(lease, renewed.plusSeconds(40))).isFalse();
    assertThat(Draining.proxyNode(lease("n1", "n1", renewed, 40))).as("a node's own lease")
        .isEmpty();
  }

  @Test
  void ackAnnotationsAreValidAnnotationNames() {
    assertThat(Draining.ackAnnotation("node-1.example")).isEqualTo("drained.capstan.io/node-1.example");
    String longName = "n".repeat(64);
    assertThat(Draining.ackAnnotation(longName)).startsWith("drained.capstan.io/sha256-")
        .hasSizeLessThanOrEqualTo("drained.capstan.io/".length() + 63)
        .isEqualTo(Draining.ackAnnotation(longName));
  }

  @Test
  void aPodIsServedWhenAServiceOfItsNamespaceSelectsIt() {
    var pod = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("p")
        .withNamespace("a").addToLabels("app", "web").addToLabels("tier", "x").endMetadata().build();
    java.util.function.BiFunction<String, java.util.Map<String, String>,
        io.fabric8.kubernetes.api.model.Service> service = (ns, selector) ->
        new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("s")
            .withNamespace(ns).endMetadata().withNewSpec().withSelector(selector).endSpec().build();
    assertThat(Draining.isServed(pod, java.util.List.of(service.apply("a",
        java.util.Map.of("app", "web"))))).isTrue();
    assertThat(Draining.isServed(pod, java.util.List.of(service.apply("b",
        java.util.Map.of("app", "web"))))).as("another namespace").isFalse();
    assertThat(Draining.isServed(pod, java.util.List.of(service.apply("a",
        java.util.Map.of("app", "api"))))).isFalse();
    assertThat(Draining.isServed(pod, java.util.List.of(service.apply("a", java.util.Map.of()))))
        .as("a selector-less service selects nothing").isFalse();
  }
}
