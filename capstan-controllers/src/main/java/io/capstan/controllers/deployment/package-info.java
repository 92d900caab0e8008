/**
 * The Deployment controller and its arithmetic, following the upstream functions in {@code pkg/controller/deployment}
 * (deployment_util.go, rolling.go, recreate.go, sync.go, progress.go) as described in
 * {@code kubernetes-deployment-semantics.md} sections 2 to 5. {@link io.capstan.controllers.deployment.DeploymentController}
 * claims ReplicaSets and picks the sync path; {@code RollingUpdater}, {@code Recreator}, {@code Scaler},
 * {@code ReplicaSetSync}, {@code HistoryCleaner} and {@code StatusCalculator} each own one concern and write through the
 * client. The pure parts (resolving maxSurge/maxUnavailable, how far the new ReplicaSet may grow and the old ones
 * shrink in one rolling step, proportional scaling, revisions and history cleanup, the pod-template-hash and
 * ReplicaSet naming) talk to no API server: callers pass typed fabric8 objects or small value records and get back the
 * numbers to write, so every rule can be table-tested against upstream's own test tables.
 */
package io.capstan.controllers.deployment;
