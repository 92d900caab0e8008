/**
 * The container runtime SPI of the node agent, shaped after Kubernetes' CRI {@code runtime.v1} so
 * that a CRI client (containerd) maps onto it one call for one call: a pod is a sandbox (its
 * network identity and log directory) holding containers the agent creates, starts, stops and
 * removes. The agent decides everything about a container — resolved environment, expanded
 * command, host paths of its mounts, where its log goes — and the runtime only runs it and
 * reports its state, so every runtime behaves the same to the agent. Abilities not every runtime
 * has are small optional interfaces ({@link io.capstan.node.runtime.ExecCapable}), discovered by
 * {@code instanceof}, as Nomad's task drivers advertise theirs.
 */
package io.capstan.node.runtime;
