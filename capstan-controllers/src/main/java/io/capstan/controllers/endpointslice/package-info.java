/**
 * The EndpointSlice controller, following {@code pkg/controller/endpointslice} and {@code
 * staging/src/k8s.io/endpointslice}: for every Service with a selector it keeps discovery.k8s.io/v1 EndpointSlices
 * (owned by the Service, labelled with its name and {@code endpointslice-controller.k8s.io}) holding one endpoint per
 * selected pod, terminating pods included, with ready/serving/terminating conditions, node, zone and resolved ports.
 * Endpoints are grouped by port set and packed at most 100 per slice, changing existing slices in place and writing
 * only what changed; a Service without endpoints gets one empty placeholder slice. A {@link
 * io.capstan.controllers.endpointslice.SliceTracker} remembers the generations this controller wrote, so a sync
 * waits for an informer that has not caught up instead of acting twice. Labels, endpoint identity and the tracker are
 * shared with the mirroring controller.
 */
package io.capstan.controllers.endpointslice;
