/**
 * Kubernetes {@code pkg/controller/disruption}: keeps each PodDisruptionBudget's status (healthy
 * pods, the pods expected from the owning controllers' scale, the disruptions allowed now and the
 * {@code DisruptionAllowed} condition) for the eviction subresource to spend.
 */
package io.capstan.controllers.disruption;
