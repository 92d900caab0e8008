/**
 * Pod specs as Kubernetes v1.32 treats them, shared by Pods and by every pod template (Deployment,
 * ReplicaSet): the defaulting functions of {@code pkg/apis/core/v1/defaults.go}, the validation of
 * {@code pkg/apis/core/validation} split by concern (containers, volumes and mounts, environment,
 * probes, resources, security contexts, scheduling, DNS), the update and status rules of a Pod,
 * its QoS class, and the defaults Kubernetes' admission plugins would add to a new Pod.
 */
package io.capstan.apiserver.resources.pod;
