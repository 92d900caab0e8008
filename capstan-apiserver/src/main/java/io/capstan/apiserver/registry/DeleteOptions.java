package io.capstan.apiserver.registry;

import java.util.Optional;

/**
 * {@code meta.k8s.io/v1 DeleteOptions}, from the body or the query string.
 *
 * @param gracePeriodSeconds overrides the object's own grace period (pods)
 * @param propagationPolicy Orphan, Background or Foreground; empty means the type's default
 * @param preconditionUid delete only if the object still has this uid
 * @param preconditionResourceVersion delete only if the object is still at this version
 */
public record DeleteOptions(
    Optional<Long> gracePeriodSeconds,
    Optional<String> propagationPolicy,
    Optional<String> preconditionUid,
    Optional<String> preconditionResourceVersion,
    boolean dryRun) {

  public static final DeleteOptions DEFAULT = new DeleteOptions(
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
}
