package io.capstan.node.podconfig;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.Map;

/**
 * The host side of a pod's volumes, under the agent's pods directory. ConfigMap, Secret and
 * downwardAPI volumes are written the way the kubelet's atomic writer does (a timestamped
 * directory, a {@code ..data} symlink swapped in one rename, and per-key symlinks through it), so a
 * reader never sees half an update.
 */
public interface PodVolumes {

  /**
   * Creates every volume of the pod that does not exist yet and returns each volume's host
   * directory by volume name. Idempotent. A referenced ConfigMap or Secret that is missing (and
   * not optional) fails with {@link ContainerConfigError}.
   */
  Map<String, Path> setUp(Pod pod) throws ContainerConfigError;

  /**
   * Rewrites ConfigMap, Secret and downwardAPI volumes whose content changed; called periodically
   * and when a referenced object changes. Missing sources leave the last content in place.
   */
  void refresh(Pod pod);

  /** Removes everything kept for the pod with this uid. */
  void tearDown(String podUid);
}
