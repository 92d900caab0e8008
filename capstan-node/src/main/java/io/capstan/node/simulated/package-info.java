/**
 * Simulated nodes in the spirit of kwok: {@link io.capstan.node.simulated.SimulatedNodes}
 * registers Node objects, keeps their {@code kube-node-lease} Leases and Ready heartbeats fresh,
 * and plays the kubelet for every pod bound to them by writing believable pod status (Running,
 * then Ready, IPs, container statuses) after configurable delays, without running any container.
 * Everything goes through the API with one pod informer and status-subresource patches, and every
 * delay through the injected clock and runtime scheduler, so thousands of pods cost no threads
 * and tests drive time by hand. Pods script failures with annotations:
 * {@code capstan.io/simulate-never-ready: "true"} keeps the pod Running but never Ready;
 * {@code capstan.io/simulate-crash-after: "<seconds>"} makes each container run exit with code 1
 * after that many seconds and restart after Kubernetes' crash-loop back-off (10 s doubling, capped
 * at 5 min, scaled by {@link io.capstan.node.simulated.SimulatedNodesConfig#backoffScale()});
 * {@code capstan.io/simulate-start-failure: "<reason>"} leaves the pod Pending with its containers
 * waiting for that reason (e.g. {@code ErrImagePull}, {@code CreateContainerConfigError}).
 */
package io.capstan.node.simulated;
