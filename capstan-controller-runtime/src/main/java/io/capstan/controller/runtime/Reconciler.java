package io.capstan.controller.runtime;

/**
 * Brings the world in line with the desired state of one object, named by its key (usually
 * {@code namespace/name}). It is called with the key only, never the event, so it must read current
 * state itself and be safe to repeat. The runner never calls it twice for one key at once; an
 * exception means "retry with backoff".
 */
@FunctionalInterface
public interface Reconciler {

  Result reconcile(String key) throws Exception;
}
