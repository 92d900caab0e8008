/**
 * The {@link io.capstan.store.Store} on an etcd v3 cluster, for several servers sharing one store.
 * Everything is etcd's own: revisions are etcd's header, create and mod revisions, compare-and-swap
 * is a transaction on them, compaction is etcd's, and each watch is an etcd watch stream with
 * previous values. The store keeps no state of its own beyond connections, so any number of stores
 * on one cluster agree. It speaks gRPC through stubs generated from the subset of etcd's protos in
 * {@code src/main/proto}. One difference from the embedded stores: a new etcd cluster starts at
 * revision 1, not 0.
 */
package io.capstan.store.etcd;
