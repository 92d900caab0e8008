package io.capstan.node.podconfig;

import static io.capstan.node.podconfig.PodFixtures.NS;
import static io.capstan.node.podconfig.PodFixtures.UID;
import static io.capstan.node.podconfig.PodFixtures.container;
import static io.capstan.node.podconfig.PodFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.controller.runtime.testing.FakeClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPodVolumesTest {

  @TempDir Path root;
  private final FakeClock clock = new FakeClock();
  private final MapConfigSource source = new MapConfigSource()
      .putConfigMap(NS, "app", Map.of("app.conf", "port=80", "LEVEL", "info"),
          Map.of("logo.bin", new byte[] {0, (byte) 0xff, 7}))
      .putSecret(NS, "creds", Map.of("password", "s3cr3t"));
  private HostPodVolumes volumes;

  private HostPodVolumes volumes() {
    if (volumes == null) {
      volumes = new HostPodVolumes(root, source, clock, Map.of("memory", new Quantity("8Gi")));
    }
    return volumes;
  }

  @Test
  void writesConfigMapKeysWithDefaultModeUnderKubeletLayout() throws Exception {
    Path dir = setUp(configMap("cfg", null, null)).get("cfg");
    assertThat(dir).isEqualTo(root.resolve(UID + "/volumes/kubernetes.io~configmap/cfg"));
    assertThat(Files.readString(dir.resolve("app.conf"))).isEqualTo("port=80");
    assertThat(Files.readAllBytes(dir.resolve("logo.bin"))).containsExactly(0, 0xff, 7);
    assertThat(Files.readSymbolicLink(dir.resolve("LEVEL"))).isEqualTo(Path.of("..data/LEVEL"));
    assertThat(Files.readSymbolicLink(dir.resolve("..data")).toString())
        .matches("\\.\\.\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}\\.\\d+");
    assertThat(mode(dir.resolve("app.conf"))).isEqualTo("rw-r--r--");
    assertThat(mode(dir)).isEqualTo("rwxrwxrwx");
  }

  @Test
  void writesOnlyTheListedItemsAtTheirPathsWithTheirModes() throws Exception {
    Volume volume = new VolumeBuilder().withName("cfg").withNewConfigMap().withName("app")
        .withDefaultMode(0600).addNewItem().withKey("app.conf").withPath("conf/nested/app.conf")
        .withMode(0400).endItem().addNewItem().withKey("LEVEL").withPath("level").endItem()
        .endConfigMap().build();
    Path dir = setUp(volume).get("cfg");
    assertThat(Files.readString(dir.resolve("conf/nested/app.conf"))).isEqualTo("port=80");
    assertThat(mode(dir.resolve("conf/nested/app.conf"))).isEqualTo("r--------");
    assertThat(mode(dir.resolve("level"))).isEqualTo("rw-------");
    assertThat(Files.readSymbolicLink(dir.resolve("conf"))).isEqualTo(Path.of("..data/conf"));
    assertThat(dir.resolve("app.conf")).doesNotExist();
    assertThat(dir.resolve("LEVEL")).doesNotExist();
  }

  @Test
  void decodesSecrets() throws Exception {
    Volume volume = new VolumeBuilder().withName("sec").withNewSecret().withSecretName("creds")
        .endSecret().build();
    Path dir = setUp(volume).get("sec");
    assertThat(dir.getParent().getFileName().toString()).isEqualTo("kubernetes.io~secret");
    assertThat(Files.readString(dir.resolve("password"))).isEqualTo("s3cr3t");
    assertThat(mode(dir.resolve("password"))).isEqualTo("rw-r--r--");
  }

  @Test
  void writesDownwardApiFilesInTheKubeletFormat() throws Exception {
    Volume volume = new VolumeBuilder().withName("info").withNewDownwardAPI()
        .addNewItem().withPath("labels").withNewFieldRef().withFieldPath("metadata.labels")
        .endFieldRef().endItem()
        .addNewItem().withPath("annotations").withNewFieldRef()
        .withFieldPath("metadata.annotations").endFieldRef().endItem()
        .addNewItem().withPath("meta/name").withNewFieldRef().withFieldPath("metadata.name")
        .endFieldRef().endItem()
        .addNewItem().withPath("mem").withNewResourceFieldRef().withContainerName("app")
        .withResource("limits.memory").withDivisor(new Quantity("1Mi")).endResourceFieldRef()
        .withMode(0400).endItem()
        .endDownwardAPI().build();
    Path dir = setUp(volume).get("info");
    assertThat(dir.getParent().getFileName().toString()).isEqualTo("kubernetes.io~downward-api");
    assertThat(Files.readString(dir.resolve("labels"))).isEqualTo("app=\"web\"\ntier=\"front\"");
    assertThat(Files.readString(dir.resolve("annotations")))
        .isEqualTo("example.com/owner=\"ops\"\nnote=\"say \\\"hi\\\"\\n\"");
    assertThat(Files.readString(dir.resolve("meta/name"))).isEqualTo("web-1");
    assertThat(Files.readString(dir.resolve("mem"))).isEqualTo("8192");
    assertThat(mode(dir.resolve("mem"))).isEqualTo("r--------");
  }

  @Test
  void projectsSeveralSourcesIntoOneVolume() throws Exception {
    Volume volume = new VolumeBuilder().withName("all").withNewProjected().withDefaultMode(0440)
        .addNewSource().withNewConfigMap().withName("app").addNewItem().withKey("LEVEL")
        .withPath("level").endItem().endConfigMap().endSource()
        .addNewSource().withNewSecret().withName("creds").endSecret().endSource()
        .addNewSource().withNewDownwardAPI().addNewItem().withPath("ns").withNewFieldRef()
        .withFieldPath("metadata.namespace").endFieldRef().endItem().endDownwardAPI().endSource()
        .endProjected().build();
    Path dir = setUp(volume).get("all");
    assertThat(dir.getParent().getFileName().toString()).isEqualTo("kubernetes.io~projected");
    assertThat(Files.readString(dir.resolve("level"))).isEqualTo("info");
    assertThat(Files.readString(dir.resolve("password"))).isEqualTo("s3cr3t");
    assertThat(Files.readString(dir.resolve("ns"))).isEqualTo("default");
    assertThat(mode(dir.resolve("password"))).isEqualTo("r--r-----");
  }

  @Test
  void emptyDirIsAWritableDirectory() throws Exception {
    Volume volume = new VolumeBuilder().withName("scratch").withNewEmptyDir().withMedium("Memory")
        .endEmptyDir().build();
    Path dir = setUp(volume).get("scratch");
    assertThat(dir).isEqualTo(root.resolve(UID + "/volumes/kubernetes.io~empty-dir/scratch"));
    assertThat(mode(dir)).isEqualTo("rwxrwxrwx");
  }

  @Test
  void missingSourcesFailUnlessOptional() throws Exception {
    assertThatThrownBy(() -> setUp(configMap("cfg", "nope", false)))
        .isInstanceOf(ContainerConfigError.class)
        .hasMessage("MountVolume.SetUp failed for volume \"cfg\" : configmap \"nope\" not found");
    Volume missingKey = new VolumeBuilder().withName("cfg").withNewConfigMap().withName("app")
        .addNewItem().withKey("NOPE").withPath("x").endItem().endConfigMap().build();
    assertThatThrownBy(() -> setUp(missingKey)).hasMessage(
        "MountVolume.SetUp failed for volume \"cfg\" : "
            + "configmap references non-existent config key: NOPE");
    Volume token = new VolumeBuilder().withName("tok").withNewProjected().addNewSource()
        .withNewServiceAccountToken().withPath("token").endServiceAccountToken().endSource()
        .endProjected().build();
    assertThatThrownBy(() -> setUp(token)).hasMessageContaining(
        "serviceAccountToken sources are not supported by this node");

    Path dir = setUp(configMap("opt", "nope", true)).get("opt");
    try (Stream<Path> files = Files.list(dir)) {
      // An optional missing ConfigMap is an empty one: a version with no files, no user links.
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "..data", Files.readSymbolicLink(dir.resolve("..data")).toString());
    }
  }

  @Test
  void refreshSwapsInANewVersionAtomicallyAndRemovesTheOld() throws Exception {
    Pod pod = podWith(configMap("cfg", null, null));
    Path dir = volumes().setUp(pod).get("cfg");
    Path oldVersion = dir.resolve(Files.readSymbolicLink(dir.resolve("..data")));
    try (InputStream reader = Files.newInputStream(dir.resolve("app.conf"))) {
      source.putConfigMap(NS, "app", Map.of("app.conf", "port=8080", "NEW", "yes"));
      clock.advance(Duration.ofSeconds(5));
      volumes().refresh(pod);
      // A reader that opened the file before the swap still reads the old version, whole.
      assertThat(new String(reader.readAllBytes())).isEqualTo("port=80");
    }
    Path newVersion = dir.resolve(Files.readSymbolicLink(dir.resolve("..data")));
    assertThat(newVersion).isNotEqualTo(oldVersion).isDirectory();
    assertThat(oldVersion).doesNotExist();
    assertThat(Files.readString(dir.resolve("app.conf"))).isEqualTo("port=8080");
    assertThat(Files.readString(dir.resolve("NEW"))).isEqualTo("yes");
    assertThat(dir.resolve("LEVEL")).doesNotExist();
    assertThat(Files.exists(dir.resolve("LEVEL"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
        .isFalse();
    assertThat(dir.resolve("..data_tmp")).doesNotExist();
  }

  @Test
  void refreshWithoutChangesKeepsTheVersionAndAMissingSourceKeepsTheContent() throws Exception {
    Pod pod = podWith(configMap("cfg", null, null));
    Path dir = volumes().setUp(pod).get("cfg");
    Path version = Files.readSymbolicLink(dir.resolve("..data"));
    clock.advance(Duration.ofSeconds(5));
    volumes().refresh(pod);
    assertThat(Files.readSymbolicLink(dir.resolve("..data"))).isEqualTo(version);

    source.removeConfigMap(NS, "app");
    volumes().refresh(pod);
    assertThat(Files.readSymbolicLink(dir.resolve("..data"))).isEqualTo(version);
    assertThat(Files.readString(dir.resolve("app.conf"))).isEqualTo("port=80");
  }

  @Test
  void setUpIsIdempotentAndLeavesExistingContentToRefresh() throws Exception {
    Pod pod = podWith(configMap("cfg", null, null));
    Path dir = volumes().setUp(pod).get("cfg");
    Path version = Files.readSymbolicLink(dir.resolve("..data"));
    source.putConfigMap(NS, "app", Map.of("app.conf", "changed"));
    assertThat(volumes().setUp(pod)).containsEntry("cfg", dir);
    assertThat(Files.readSymbolicLink(dir.resolve("..data"))).isEqualTo(version);
  }

  @Test
  void aConfigMapKeyMountedBySubPathStaysInsideTheVolume() throws Exception {
    Pod pod = podWith(configMap("cfg", null, null));
    var container = new io.fabric8.kubernetes.api.model.ContainerBuilder(
        pod.getSpec().getContainers().get(0)).addNewVolumeMount().withName("cfg")
        .withMountPath("/etc/app.conf").withSubPath("app.conf").endVolumeMount().build();
    Map<String, Path> paths = volumes().setUp(pod);
    var mounts = new KubeletContainerInputs(source).resolve(pod, container, paths).mounts();
    assertThat(mounts.get(0).hostPath()).isEqualTo(paths.get("cfg").resolve("app.conf"));
    assertThat(Files.readString(mounts.get(0).hostPath())).isEqualTo("port=80");
  }

  @Test
  void tearDownRemovesThePodDirectory() throws Exception {
    Pod pod = podWith(configMap("cfg", null, null), new VolumeBuilder().withName("scratch")
        .withNewEmptyDir().endEmptyDir().build());
    Path scratch = volumes().setUp(pod).get("scratch");
    Files.writeString(scratch.resolve("work"), "data");
    volumes().tearDown(UID);
    assertThat(root.resolve(UID)).doesNotExist();
    assertThat(root).isDirectory();
    volumes().tearDown(UID);
  }

  private Map<String, Path> setUp(Volume volume) throws ContainerConfigError {
    return volumes().setUp(podWith(volume));
  }

  private static Pod podWith(Volume... volumes) {
    return pod(container(List.of(), List.of()), volumes);
  }

  private static Volume configMap(String volumeName, String configMap, Boolean optional) {
    return new VolumeBuilder().withName(volumeName).withNewConfigMap()
        .withName(configMap == null ? "app" : configMap).withOptional(optional).endConfigMap()
        .build();
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
