/**
 * Pure arithmetic of the Deployment controller, following the upstream functions in
 * {@code pkg/controller/deployment} (deployment_util.go, rolling.go, sync.go) as described in
 * {@code kubernetes-deployment-semantics.md} sections 2 to 5: resolving maxSurge/maxUnavailable, how far the new
 * ReplicaSet may grow and the old ones shrink in one rolling step, proportional scaling, revisions and history cleanup,
 * the pod-template-hash and ReplicaSet naming. Nothing here talks to an API server; callers pass typed fabric8 objects
 * or small value records and get back the numbers to write, so every rule can be table-tested against upstream's own
 * test tables.
 */
package io.capstan.controllers.deployment;
