/**
 * A {@link io.capstan.store.Store} held entirely in memory, for tests and throwaway servers. It
 * keeps the same log of records the SQLite store keeps on disk (every write until it is compacted,
 * indexed by revision and by key), applies writes under one lock so revisions are assigned in
 * order, and delivers watches through the shared fan-out, each on its own thread.
 */
package io.capstan.store.memory;
