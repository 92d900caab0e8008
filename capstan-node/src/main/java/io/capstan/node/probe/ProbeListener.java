package io.capstan.node.probe;

/**
 * Receives a probe's result when it changes (and its first result). {@code success} follows the
 * probe's successThreshold/failureThreshold, so a single flake does not flip it; {@code message}
 * says why it failed, as the kubelet's event does (e.g. {@code HTTP probe failed with statuscode:
 * 500}).
 */
@FunctionalInterface
public interface ProbeListener {

  void onResult(ProbeTarget target, ProbeType type, boolean success, String message);
}
