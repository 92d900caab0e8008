/**
 * The strategy of coordination.k8s.io/v1 Leases, which node heartbeats and leader election write
 * many times a minute; validation is deliberately light, as upstream's.
 */
package io.capstan.apiserver.resources.coordination;
