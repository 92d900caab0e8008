/**
 * The embedded default {@link io.capstan.store.Store}: one SQLite file holding a kine-style log
 * table whose row id is the global revision. One writer thread owns the only write connection and
 * commits whatever writes are waiting in a single transaction (group commit), so many concurrent
 * writers share one fsync; each write's compare-and-swap is still checked in order against
 * everything committed or written earlier in the same transaction, and a refused write fails
 * alone. The writer publishes committed events to watches in memory; watches that start in the
 * past read the table. Reads use a small pool of read-only connections, which WAL mode lets run
 * beside the writer. A background task compacts old history so the file stays bounded.
 */
package io.capstan.store.sqlite;
