/**
 * The EndpointSlice mirroring controller, following {@code pkg/controller/endpointslicemirroring}: for a Service
 * without a selector whose Endpoints were written by hand, it mirrors the (repacked) Endpoints into EndpointSlices
 * owned by the Endpoints and labelled {@code endpointslicemirroring-controller.k8s.io}: one slice per subset port set
 * and address type, ready addresses as ready endpoints and not-ready ones as not ready, at most 1000 addresses per
 * subset, carrying the Endpoints' labels and annotations. Endpoints labelled {@code
 * endpointslice.kubernetes.io/skip-mirror=true} (the API server's own {@code kubernetes} Endpoints) and leader-election
 * records are not mirrored; mirrored slices go when the Service gains a selector, or it or its Endpoints go.
 */
package io.capstan.controllers.endpointslicemirroring;
