/**
 * The garbage collector: keeps an owner-to-dependents view of every served namespaced kind from
 * informers (keyed by uid) and enforces the three deletion propagation policies. Background:
 * dependents whose owners are all gone (confirmed through the API, not only the cache) are deleted,
 * and dangling references next to live owners are stripped. Foreground: the dependents of an owner
 * carrying {@code foregroundDeletion} are deleted first and the finalizer is removed once no
 * blocking dependent is left. Orphan: references to an owner carrying {@code orphan} are stripped
 * from its dependents before the finalizer is removed. Every write is a JSON patch guarded by a
 * resourceVersion test, so a concurrent writer is never clobbered.
 */
package io.capstan.controllers.gc;
