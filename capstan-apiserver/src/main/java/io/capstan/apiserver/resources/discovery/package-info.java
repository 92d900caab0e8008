/**
 * The strategy of discovery.k8s.io/v1 EndpointSlices, written by the endpoint-slice controller and
 * read by the service proxy: address and port validation for each address type, size limits, and
 * generation tracking.
 */
package io.capstan.apiserver.resources.discovery;
