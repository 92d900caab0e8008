/**
 * Strategies of the core/v1 kinds Capstan serves (Namespace, Pod, ConfigMap, Secret, Service,
 * Endpoints, Node, Event, ServiceAccount) and of their status subresources, following
 * {@code pkg/registry/core/*}/strategy.go: what a create resets, what an update keeps, how each
 * kind is defaulted and validated, and which fields can be used in field selectors.
 */
package io.capstan.apiserver.resources.core;
