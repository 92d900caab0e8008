/**
 * The node agent's container runtime backed by containerd's CRI plugin ({@code runtime.v1} over
 * containerd's unix socket): {@link io.capstan.runtime.containerd.ContainerdRuntime} implements
 * the agent's runtime SPI one CRI call per SPI call, {@link io.capstan.runtime.containerd.CriClient}
 * is the typed gRPC client under it, and {@link io.capstan.runtime.containerd.OciImageWriter}
 * builds busybox-based images as OCI layout tarballs for nodes without a registry
 * ({@code ctr -n k8s.io images import}).
 *
 * <p>What containerd needs from its configuration, as the tests configure it:
 * {@code [plugins."io.containerd.grpc.v1.cri"] sandbox_image} naming an image on the node (the
 * default pause image is pulled from registry.k8s.io), a CNI {@code bin_dir} and {@code conf_dir}
 * holding a network config (sandboxes fail while the CNI plugin is not ready), and
 * {@code restrict_oom_score_adj = true} when containerd does not run with an
 * {@code oom_score_adj} of -999 or lower: sandboxes otherwise ask for -998, which runc is then not
 * allowed to set, and fail with "can't get final child's PID from pipe".
 */
package io.capstan.runtime.containerd;
