package io.capstan.node.podconfig;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/**
 * Service-account tokens for projected volumes, as the kubelet's token manager hands them out: an
 * optional ability of a {@link ConfigSource} (a source that cannot reach the TokenRequest API does
 * not implement it, and pods that need a token then fail to mount with a clear message). The
 * answer for the same pod, audience and lifetime stays the same until the token is due for
 * renewal, so a volume rewritten on every resync only changes when the token does.
 */
public interface TokenSource {

  /**
   * A token for the pod's service account, bound to the pod.
   *
   * @param audience the one audience to ask for; empty for the API server's
   * @param expirationSeconds the lifetime to ask for
   * @throws ContainerConfigError when no valid token can be had, e.g.
   *     {@code failed to fetch token: serviceaccounts "builder" not found}
   */
  String serviceAccountToken(Pod pod, Optional<String> audience, long expirationSeconds)
      throws ContainerConfigError;
}
