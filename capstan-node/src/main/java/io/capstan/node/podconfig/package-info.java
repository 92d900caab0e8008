/**
 * What a container sees of its pod's configuration: the environment (plain values, ConfigMap,
 * Secret and downward-API references, {@code envFrom}), {@code $(VAR)} expansion of command and
 * args, and the volumes (configMap, secret, emptyDir, downwardAPI, projected) prepared on the host
 * and mounted where the container expects them — all as Kubernetes' kubelet computes them, so a
 * pod behaves the same here as there. {@link io.capstan.node.podconfig.KubeletContainerInputs}
 * resolves one container's inputs; {@link io.capstan.node.podconfig.HostPodVolumes} keeps the
 * volumes under the agent's pods directory, written by the kubelet's atomic-writer scheme. A
 * missing ConfigMap, Secret or key is a {@link io.capstan.node.podconfig.ContainerConfigError}
 * that keeps the container waiting. Service-account tokens in projected volumes come from a
 * source that also implements {@link io.capstan.node.podconfig.TokenSource}.
 */
package io.capstan.node.podconfig;
