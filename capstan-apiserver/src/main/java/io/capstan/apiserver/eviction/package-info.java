/**
 * The {@code pods/eviction} subresource ({@code pkg/registry/core/pod/storage/eviction.go}): a pod
 * is deleted only if the PodDisruptionBudget covering it allows one more disruption, which the
 * eviction takes from the budget's status before the delete.
 */
package io.capstan.apiserver.eviction;
