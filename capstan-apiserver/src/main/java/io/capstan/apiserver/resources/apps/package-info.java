/**
 * Strategies of the apps/v1 workloads, Deployments and ReplicaSets: their v1 defaults (replicas 1,
 * RollingUpdate 25%/25%, history and progress-deadline limits, pod template defaults), the
 * validation of reference §1.3 with Kubernetes' exact field paths and texts, generation tracking,
 * and the status subresources through which the controllers report.
 */
package io.capstan.apiserver.resources.apps;
