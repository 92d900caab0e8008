/**
 * kube-controller-manager's pod garbage collector ({@code pkg/controller/podgc}): pods bound to a
 * Node that no longer exists, terminated pods beyond {@code --terminated-pod-gc-threshold},
 * terminating pods on out-of-service Nodes and terminating pods never scheduled are deleted
 * forcibly. {@link PodGcChoices} decides from the cached objects; {@link PodGarbageCollector}
 * confirms and writes.
 */
package io.capstan.controllers.podgc;
