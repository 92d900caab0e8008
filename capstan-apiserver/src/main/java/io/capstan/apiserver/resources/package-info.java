/**
 * Per-resource behaviour for every kind Capstan serves, as Kubernetes v1.32 defines it: defaults,
 * validation with upstream's field paths, error types and texts, and what a create or an update
 * resets or carries over (status, spec, generation). {@link io.capstan.apiserver.resources.Strategies}
 * maps a group and kind to its {@link io.capstan.apiserver.registry.ResourceStrategy} and status
 * strategy; {@link io.capstan.apiserver.resources.ObjectMetaValidator} checks the metadata every
 * kind shares. Sub-packages hold the shared pod-spec rules ({@code pod}), the generic validators
 * ({@code validation}), tree helpers ({@code fields}) and one strategy per file per API group.
 */
package io.capstan.apiserver.resources;
