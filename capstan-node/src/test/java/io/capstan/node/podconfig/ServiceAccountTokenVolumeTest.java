package io.capstan.node.podconfig;

import static io.capstan.node.podconfig.PodFixtures.NS;
import static io.capstan.node.podconfig.PodFixtures.container;
import static io.capstan.node.podconfig.PodFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.controller.runtime.testing.FakeClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kube-api-access-*} volume the API server adds to pods, written on the host. */
class ServiceAccountTokenVolumeTest {

  @TempDir Path root;
  private final FakeClock clock = new FakeClock();
  private final MapConfigSource configs = new MapConfigSource()
      .putConfigMap(NS, "kube-root-ca.crt", Map.of("ca.crt", "CA PEM"));

  /** ConfigMaps from a map, tokens from {@link #current}, every request remembered. */
  private final class Source implements ConfigSource, TokenSource {
    volatile String current = "token-1";
    final List<String> requests = new CopyOnWriteArrayList<>();

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
      return configs.configMap(namespace, name);
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
      return configs.secret(namespace, name);
    }

    @Override
    public String serviceAccountToken(Pod pod, Optional<String> audience, long expirationSeconds)
        throws ContainerConfigError {
      requests.add(pod.getMetadata().getName() + " " + audience.orElse("-") + " "
          + expirationSeconds);
      if (current.isEmpty()) {
        throw new ContainerConfigError("failed to fetch token: serviceaccounts \"builder\" not "
            + "found");
      }
      return current;
    }
  }

  private final Source source = new Source();

  static Volume accessVolume() {
    return new VolumeBuilder().withName("kube-api-access-x7kq2").withNewProjected()
        .withDefaultMode(420)
        .addNewSource().withNewServiceAccountToken().withExpirationSeconds(3607L)
        .withPath("token").endServiceAccountToken().endSource()
        .addNewSource().withNewConfigMap().withName("kube-root-ca.crt").addNewItem()
        .withKey("ca.crt").withPath("ca.crt").endItem().endConfigMap().endSource()
        .addNewSource().withNewDownwardAPI().addNewItem().withPath("namespace").withNewFieldRef()
        .withApiVersion("v1").withFieldPath("metadata.namespace").endFieldRef().endItem()
        .endDownwardAPI().endSource()
        .endProjected().build();
  }

  @Test
  void writesTheTokenNextToTheCaAndTheNamespace() throws Exception {
    Pod pod = pod(container(List.of(), List.of()), accessVolume());
    Path dir = new HostPodVolumes(root, source, clock).setUp(pod).get("kube-api-access-x7kq2");

    assertThat(Files.readString(dir.resolve("token"))).isEqualTo("token-1");
    assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo("CA PEM");
    assertThat(Files.readString(dir.resolve("namespace"))).isEqualTo(NS);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("token"))))
        .isEqualTo("rw-r--r--");
    assertThat(Files.readSymbolicLink(dir.resolve("token"))).isEqualTo(Path.of("..data/token"));
    assertThat(source.requests).containsExactly("web-1 - 3607");
  }

  @Test
  void publishesARenewedTokenAtomicallyOnRefresh() throws Exception {
    Pod pod = pod(container(List.of(), List.of()), accessVolume());
    HostPodVolumes volumes = new HostPodVolumes(root, source, clock);
    Path dir = volumes.setUp(pod).get("kube-api-access-x7kq2");
    String firstVersion = Files.readSymbolicLink(dir.resolve("..data")).toString();

    volumes.refresh(pod);
    assertThat(Files.readSymbolicLink(dir.resolve("..data")).toString()).isEqualTo(firstVersion);

    source.current = "token-2";
    clock.advance(Duration.ofMinutes(50));
    volumes.refresh(pod);
    assertThat(Files.readString(dir.resolve("token"))).isEqualTo("token-2");
    assertThat(Files.readSymbolicLink(dir.resolve("..data")).toString()).isNotEqualTo(firstVersion);
    assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo("CA PEM");
  }

  @Test
  void keepsTheLastTokenWhenNoneCanBeHad() throws Exception {
    Pod pod = pod(container(List.of(), List.of()), accessVolume());
    HostPodVolumes volumes = new HostPodVolumes(root, source, clock);
    Path dir = volumes.setUp(pod).get("kube-api-access-x7kq2");

    source.current = "";
    volumes.refresh(pod);
    assertThat(Files.readString(dir.resolve("token"))).isEqualTo("token-1");
  }

  @Test
  void failsToMountWhenNoTokenCanBeHad() {
    source.current = "";
    Pod pod = pod(container(List.of(), List.of()), accessVolume());
    assertThatThrownBy(() -> new HostPodVolumes(root, source, clock).setUp(pod))
        .isInstanceOf(ContainerConfigError.class)
        .hasMessage("MountVolume.SetUp failed for volume \"kube-api-access-x7kq2\" : failed to "
            + "fetch token: serviceaccounts \"builder\" not found");
  }

  @Test
  void refusesTokenSourcesWhereNoneCanBeIssued() {
    Pod pod = pod(container(List.of(), List.of()), accessVolume());
    assertThatThrownBy(() -> new HostPodVolumes(root, configs, clock).setUp(pod))
        .isInstanceOf(ContainerConfigError.class)
        .hasMessageContaining("serviceAccountToken sources are not supported by this node");
  }
}
