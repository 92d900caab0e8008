/**
 * Protections at the API server's edge that the HTTP front end wires in around its handlers:
 * {@link io.capstan.apiserver.guard.ConnectionGuards} closes connections that dawdle before a
 * request head or sit idle (without cutting a healthy watch), {@link
 * io.capstan.apiserver.guard.InflightLimiter} caps concurrent requests per client and in total the
 * way kube-apiserver's max-requests-inflight does, and {@link io.capstan.apiserver.guard.AuditLog}
 * records every mutating request as {@code audit.k8s.io/v1} events in a rotated, owner-only file
 * without ever blocking the request path. None of them depends on the router or on authentication:
 * the caller passes in what it knows (the user name, the verb, the outcome).
 */
package io.capstan.apiserver.guard;
