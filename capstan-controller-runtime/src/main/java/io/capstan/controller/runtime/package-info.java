/**
 * The plumbing every Capstan controller shares, modelled on client-go and java-operator-sdk: a
 * {@link io.capstan.controller.runtime.WorkQueue} that never hands one key to two workers at once,
 * collapses duplicates and retries with per-key exponential backoff; a
 * {@link io.capstan.controller.runtime.Reconciler} that returns a
 * {@link io.capstan.controller.runtime.Result} while the {@link io.capstan.controller.runtime.Controller}
 * runner owns retries and requeues; an {@link io.capstan.controller.runtime.EventRecorder} for
 * core/v1 Events; and leader election on a Lease. Time always comes from an injected
 * {@link java.time.Clock} and {@link io.capstan.controller.runtime.Scheduler} so tests never sleep.
 */
package io.capstan.controller.runtime;
