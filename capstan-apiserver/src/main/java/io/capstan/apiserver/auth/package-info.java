/**
 * Who is asking and whether they may, decided the way Kubernetes' API server decides it, as pure
 * functions of the request: an {@link io.capstan.apiserver.auth.Authenticator} turns the {@code
 * Authorization} header and the TLS client certificate chain into a {@link
 * io.capstan.apiserver.auth.UserInfo} (bearer tokens compared in constant time, client certificates
 * from our CA), failing with 401 for a credential that is present but wrong rather than falling
 * back to anonymous; {@link io.capstan.apiserver.auth.RequestAttributes} names the request in
 * Kubernetes' terms (verb, API group, resource, subresource, namespace, name, or a non-resource
 * path); an {@link io.capstan.apiserver.auth.Authorizer} allows or denies it: the admin in {@code
 * system:masters} may do anything, service accounts may only read, and a node may touch only
 * itself, its lease, the pods bound to it and what they reference, as the Node authorizer and
 * NodeRestriction allow, asking a {@link io.capstan.apiserver.auth.NodeGraph} about pods and
 * references; every authenticated user may read discovery and {@code /version}. {@link
 * io.capstan.apiserver.auth.AccessErrors} builds the exact 401 and 403 Status
 * bodies Kubernetes sends.
 */
package io.capstan.apiserver.auth;
