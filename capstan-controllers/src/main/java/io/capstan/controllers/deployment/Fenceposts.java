package io.capstan.controllers.deployment;

/**
 * The resolved rolling-update bounds of a Deployment: how many pods may exist above the desired count
 * ({@code maxSurge}) and how many may be missing below it ({@code maxUnavailable}).
 */
public record Fenceposts(int maxSurge, int maxUnavailable) {
}
