/**
 * Kubernetes' node IPAM ({@code pkg/controller/nodeipam}, the range allocator): the cluster's pod
 * range is split into equal per-node ranges, and each Node without one gets the first free range
 * in {@code spec.podCIDR}/{@code spec.podCIDRs}; a deleted Node's range is free again.
 */
package io.capstan.controllers.nodeipam;
