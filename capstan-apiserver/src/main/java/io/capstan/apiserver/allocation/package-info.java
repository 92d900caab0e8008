/**
 * Allocators for the values Services reserve cluster-wide: cluster IPs from the service CIDR and
 * node ports from 30000-32767. They are in-memory bitmaps guarded by a lock, rebuilt from the
 * stored Services when the server starts: the store is the one truth and nothing else persists,
 * unlike Kubernetes' RangeAllocation snapshots. Errors carry Kubernetes' messages
 * ({@code provided IP is already allocated}, ...) for the caller to put on the right field.
 */
package io.capstan.apiserver.allocation;
