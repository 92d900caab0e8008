/**
 * Where connections go: the pure translation of Services and EndpointSlices into listen addresses
 * and usable endpoints per service port ({@link io.capstan.proxy.routing.Routes}), the live table
 * the informers keep current ({@link io.capstan.proxy.routing.RouteTable}), the choice of one
 * endpoint per new connection with session affinity
 * ({@link io.capstan.proxy.routing.EndpointSelector}), and the count of open connections per
 * endpoint that least-connections balancing and draining read.
 */
package io.capstan.proxy.routing;
