/**
 * Container probes and lifecycle hooks as the kubelet runs them: readiness, liveness and startup
 * probes (httpGet, tcpSocket, exec, grpc is not supported) with every timing field, and postStart /
 * preStop hooks (exec, httpGet, sleep). Probe workers report changes of a probe's result to a
 * {@link io.capstan.node.probe.ProbeListener}; the agent turns them into readiness, restarts and the
 * started flag.
 */
package io.capstan.node.probe;
