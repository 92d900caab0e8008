package io.capstan.controllers.endpointslice;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.controllers.endpoints.Pods;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SlicePackerTest {
  private static final Service SERVICE = Pods.service(new IntOrString(80), false);
  private final SlicePacker packer = new SlicePacker("endpointslice-controller.k8s.io", 100);
  private int nextSlice;

  /** Existing slice sizes (pods numbered from 0 across them), desired pod count, expected sizes after applying. */
  record Case(String name, List<Integer> existing, int desired, int creates, int updates, int deletes,
              List<Integer> sizesAfter) {}

  static Stream<Case> cases() {
    return Stream.of(
        new Case("250 new endpoints", List.of(), 250, 3, 0, 0, List.of(50, 100, 100)),
        new Case("settled: no writes", List.of(100, 50), 150, 0, 0, 0, List.of(50, 100)),
        new Case("one more fills the unchanged slice that fits", List.of(100, 50), 151, 0, 1, 0, List.of(51, 100)),
        new Case("removals update in place", List.of(100, 50), 140, 0, 1, 0, List.of(40, 100)),
        new Case("updated slice is filled before new ones", List.of(100, 50), 260, 1, 1, 0, List.of(60, 100, 100)),
        new Case("emptied slice is deleted", List.of(100, 50), 100, 0, 0, 1, List.of(100)),
        new Case("nothing desired: placeholder replaces slices", List.of(3), 0, 0, 1, 0, List.of(0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void packsAtMostAHundredPerSlice(Case c) {
    List<EndpointSlice> existing = new ArrayList<>();
    int pod = 0;
    for (int size : c.existing()) {
      EndpointSlice slice = named(packer.newSlice(SERVICE, ports(), "IPv4"));
      for (int i = 0; i < size; i++) {
        slice.getEndpoints().add(endpoint(pod++));
      }
      existing.add(slice);
    }
    SliceChanges changes = packer.plan(SERVICE, "IPv4", existing, desired(c.desired()))
        .recycled(old -> true);
    assertThat(changes.toCreate()).hasSize(c.creates());
    assertThat(changes.toUpdate()).hasSize(c.updates());
    assertThat(changes.toDelete()).hasSize(c.deletes());
    Map<String, EndpointSlice> after = new LinkedHashMap<>();
    existing.forEach(s -> after.put(s.getMetadata().getName(), s));
    changes.toDelete().forEach(s -> after.remove(s.getMetadata().getName()));
    changes.toUpdate().forEach(s -> after.put(s.getMetadata().getName(), s));
    changes.toCreate().forEach(s -> after.put("new-" + after.size(), s));
    assertThat(after.values().stream().map(s -> s.getEndpoints().size()).sorted().toList())
        .isEqualTo(c.sizesAfter());
    assertThat(after.values().stream().flatMap(s -> s.getEndpoints().stream()).map(EndpointKey::of).distinct())
        .hasSize(c.desired());
  }

  @Test
  void changedConditionUpdatesTheSliceHoldingIt() {
    EndpointSlice slice = named(packer.newSlice(SERVICE, ports(), "IPv4"));
    slice.getEndpoints().add(endpoint(0));
    Map<EndpointKey.Ports, DesiredGroup> desired = desired(1);
    desired.values().iterator().next().endpoints().values().forEach(e -> e.getConditions().setReady(false));
    SliceChanges changes = packer.plan(SERVICE, "IPv4", List.of(slice), desired);
    assertThat(changes.toUpdate()).singleElement()
        .satisfies(s -> assertThat(s.getEndpoints().getFirst().getConditions().getReady()).isFalse());
    assertThat(slice.getEndpoints().getFirst().getConditions().getReady()).as("cached object untouched").isTrue();
  }

  @Test
  void existingPlaceholderIsKept() {
    EndpointSlice placeholder = named(packer.newSlice(SERVICE, List.of(), "IPv4"));
    assertThat(packer.plan(SERVICE, "IPv4", List.of(placeholder), Map.of()).isEmpty()).isTrue();
  }

  @Test
  void newSliceIsOwnedAndLabelled() {
    EndpointSlice slice = packer.newSlice(SERVICE, ports(), "IPv4");
    assertThat(slice.getMetadata().getGenerateName()).isEqualTo("web-");
    assertThat(slice.getMetadata().getLabels()).containsEntry(SliceLabels.SERVICE_NAME, "web")
        .containsEntry(SliceLabels.MANAGED_BY, "endpointslice-controller.k8s.io")
        .doesNotContainKey(SliceLabels.HEADLESS);
    assertThat(slice.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getKind()).isEqualTo("Service");
      assertThat(ref.getUid()).isEqualTo("svc-uid");
      assertThat(ref.getController()).isTrue();
      assertThat(ref.getBlockOwnerDeletion()).isTrue();
    });
  }

  private EndpointSlice named(EndpointSlice slice) {
    slice.getMetadata().setName("web-" + (nextSlice++));
    slice.getMetadata().setGenerateName(null);
    return slice;
  }

  private static List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort> ports() {
    return List.of(new EndpointPortBuilder().withName("http").withPort(80).withProtocol("TCP").build());
  }

  private static io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint(int i) {
    return PodEndpoint.of(Pods.pod("p" + i, "10.1." + (i / 250) + "." + (i % 250), true), Optional.empty(),
        SERVICE, "IPv4");
  }

  private static Map<EndpointKey.Ports, DesiredGroup> desired(int count) {
    Map<EndpointKey.Ports, DesiredGroup> groups = new LinkedHashMap<>();
    if (count > 0) {
      DesiredGroup group = new DesiredGroup(ports());
      IntStream.range(0, count).forEach(i -> group.add(endpoint(i)));
      groups.put(EndpointKey.Ports.of(ports()), group);
    }
    return groups;
  }
}
