/**
 * The {@code proxy} scenario: wrk through a Service's ClusterIP, served by the real
 * {@link io.capstan.proxy.ServiceProxy} over an in-process API server, to four HTTP backends;
 * measured in the same run against wrk straight to one backend and against HAProxy in front of
 * the same four backends, once with kept-alive connections (the proxy's copying) and once with a
 * new connection per request (its accept, balancing and connect).
 */
package io.capstan.bench.proxy;
