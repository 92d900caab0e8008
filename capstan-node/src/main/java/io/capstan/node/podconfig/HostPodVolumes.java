package io.capstan.node.podconfig;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PodVolumes} on the local disk, laid out as the kubelet lays out its pods directory:
 * {@code <root>/<podUid>/volumes/<plugin>/<volumeName>}, with the plugin names escaped as the
 * kubelet escapes them ({@code kubernetes.io~configmap}, {@code kubernetes.io~secret},
 * {@code kubernetes.io~downward-api}, {@code kubernetes.io~projected},
 * {@code kubernetes.io~empty-dir}).
 *
 * <p>emptyDir volumes are plain directories with mode 0777, whatever the medium: a
 * {@code Memory} emptyDir is not a tmpfs here, and {@code sizeLimit} is not enforced. ConfigMap,
 * Secret, downwardAPI and projected volumes are written by the {@link AtomicWriter}. Other volume
 * types fail set-up with a clear message.
 *
 * <p>{@link #refresh} recomputes the content of every already set-up volume and publishes it only
 * when it changed. As in the kubelet, a source that went missing keeps the old files when the
 * volume requires it, while an <em>optional</em> source that went missing empties the volume (the
 * kubelet writes an empty object for it on every resync).
 */
public final class HostPodVolumes implements PodVolumes {

  private static final Logger LOG = LoggerFactory.getLogger(HostPodVolumes.class);

  private final Path root;
  private final Clock clock;
  private final VolumePayloads payloads;

  public HostPodVolumes(Path root, ConfigSource source, Clock clock) {
    this(root, source, clock, Map.of());
  }

  /** @param allocatable the node's allocatable resources, for downwardAPI resource files */
  public HostPodVolumes(Path root, ConfigSource source, Clock clock,
      Map<String, Quantity> allocatable) {
    this.root = root;
    this.clock = clock;
    this.payloads = new VolumePayloads(source, new ResourceFields(allocatable));
  }

  /** The pod's directory, {@code <root>/<podUid>}. */
  public Path podDirectory(String podUid) {
    return root.resolve(podUid);
  }

  @Override
  public synchronized Map<String, Path> setUp(Pod pod) throws ContainerConfigError {
    Map<String, Path> paths = new LinkedHashMap<>();
    for (Volume volume : volumes(pod)) {
      VolumeKind kind = VolumeKind.of(volume).orElseThrow(() -> setUpFailed(volume,
          "volume type is not supported by this node"));
      Path dir = volumeDirectory(pod, kind, volume.getName());
      try {
        if (kind == VolumeKind.EMPTY_DIR) {
          createVolumeDirectory(dir);
        } else if (!Files.isSymbolicLink(dir.resolve(AtomicWriter.DATA_DIR))) {
          Map<String, FileProjection> files = payload(pod, kind, volume);
          createVolumeDirectory(dir);
          new AtomicWriter(dir, clock).write(files);
        }
      } catch (ContainerConfigError e) {
        throw setUpFailed(volume, e.getMessage());
      } catch (IOException | UncheckedIOException e) {
        throw setUpFailed(volume, e.getMessage());
      }
      paths.put(volume.getName(), dir);
    }
    return paths;
  }

  @Override
  public synchronized void refresh(Pod pod) {
    for (Volume volume : volumes(pod)) {
      Optional<VolumeKind> kind = VolumeKind.of(volume).filter(k -> k != VolumeKind.EMPTY_DIR);
      if (kind.isEmpty()) {
        continue;
      }
      Path dir = volumeDirectory(pod, kind.get(), volume.getName());
      if (!Files.isSymbolicLink(dir.resolve(AtomicWriter.DATA_DIR))) {
        continue;
      }
      try {
        if (new AtomicWriter(dir, clock).write(payload(pod, kind.get(), volume))) {
          LOG.debug("Volume updated namespace={} pod={} volume={}",
              pod.getMetadata().getNamespace(), pod.getMetadata().getName(), volume.getName());
        }
      } catch (ContainerConfigError | IOException | UncheckedIOException e) {
        LOG.warn("Volume keeps its last content namespace={} pod={} volume={} reason={}",
            pod.getMetadata().getNamespace(), pod.getMetadata().getName(), volume.getName(),
            e.getMessage());
      }
    }
  }

  @Override
  public synchronized void tearDown(String podUid) {
    try {
      AtomicWriter.deleteTree(podDirectory(podUid));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the volumes of pod " + podUid, e);
    }
  }

  private Map<String, FileProjection> payload(Pod pod, VolumeKind kind, Volume volume)
      throws ContainerConfigError {
    return switch (kind) {
      case CONFIG_MAP -> payloads.configMap(pod, volume.getConfigMap());
      case SECRET -> payloads.secret(pod, volume.getSecret());
      case DOWNWARD_API -> payloads.downwardApi(pod, volume.getDownwardAPI().getItems(),
          volume.getDownwardAPI().getDefaultMode());
      case PROJECTED -> payloads.projected(pod, volume.getName(), volume.getProjected());
      case EMPTY_DIR -> Map.of();
    };
  }

  private Path volumeDirectory(Pod pod, VolumeKind kind, String name) {
    return podDirectory(pod.getMetadata().getUid()).resolve("volumes")
        .resolve(kind.directoryName()).resolve(name);
  }

  /**
   * Creates {@code <podUid>/volumes/<plugin>} with 0750 (as the kubelet's pod data directories)
   * and the volume itself with 0777 (the emptyDir that also backs the kubelet's other volumes).
   */
  private static void createVolumeDirectory(Path dir) throws IOException {
    createWithMode(dir.getParent().getParent().getParent(), 0750);
    createWithMode(dir.getParent().getParent(), 0750);
    createWithMode(dir.getParent(), 0750);
    createWithMode(dir, 0777);
  }

  private static void createWithMode(Path dir, int mode) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, AtomicWriter.permissions(mode));
    }
  }

  private static List<Volume> volumes(Pod pod) {
    var volumes = pod.getSpec() == null ? null : pod.getSpec().getVolumes();
    return volumes == null ? List.of() : volumes;
  }

  /** The kubelet's mount failure event: {@code MountVolume.SetUp failed for volume "v" : ...}. */
  private static ContainerConfigError setUpFailed(Volume volume, String reason) {
    return new ContainerConfigError(
        "MountVolume.SetUp failed for volume \"" + volume.getName() + "\" : " + reason);
  }
}
