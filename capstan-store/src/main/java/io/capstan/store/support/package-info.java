/**
 * Building blocks shared by the store implementations: the log record every backend appends (one
 * row per write, etcd/kine style), the compare-and-swap rules that turn a request into such a
 * record, key ordering and prefix ranges by code point (the order etcd and SQLite compare keys in),
 * and the watch fan-out. The fan-out gives each watch its own virtual thread and a bounded queue of
 * live events; a watch that starts in the past, or falls behind so far that its queue overflows,
 * re-reads the missed events from the backend's {@link io.capstan.store.support.EventHistory} and
 * then continues live, dropping duplicates by revision, so every event arrives exactly once and in
 * order without any listener holding up another.
 */
package io.capstan.store.support;
