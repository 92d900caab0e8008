package io.capstan.node.podconfig;

import io.fabric8.kubernetes.api.model.Volume;
import java.util.Optional;

/** The volume types this node prepares, with the kubelet's plugin names. */
enum VolumeKind {
  EMPTY_DIR("kubernetes.io/empty-dir"),
  CONFIG_MAP("kubernetes.io/configmap"),
  SECRET("kubernetes.io/secret"),
  DOWNWARD_API("kubernetes.io/downward-api"),
  PROJECTED("kubernetes.io/projected");

  private final String pluginName;

  VolumeKind(String pluginName) {
    this.pluginName = pluginName;
  }

  /** The plugin name with {@code /} escaped as {@code ~}, as in the kubelet's pod directory. */
  String directoryName() {
    return pluginName.replace('/', '~');
  }

  static Optional<VolumeKind> of(Volume volume) {
    if (volume.getEmptyDir() != null) {
      return Optional.of(EMPTY_DIR);
    }
    if (volume.getConfigMap() != null) {
      return Optional.of(CONFIG_MAP);
    }
    if (volume.getSecret() != null) {
      return Optional.of(SECRET);
    }
    if (volume.getDownwardAPI() != null) {
      return Optional.of(DOWNWARD_API);
    }
    if (volume.getProjected() != null) {
      return Optional.of(PROJECTED);
    }
    return Optional.empty();
  }
}
